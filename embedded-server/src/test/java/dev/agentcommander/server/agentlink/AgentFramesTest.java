package dev.agentcommander.server.agentlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentFramesTest {
    static TestPlane cp;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        cp = TestPlane.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        cp.close();
    }

    @Test
    void malformedFrames_getErrors_andTheSocketKeepsWorking() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();

        agent.send("{this is not json");
        agent.send("{\"type\":\"agent.dance\",\"payload\":{}}");
        agent.send("{\"type\":\"events.append\",\"payload\":{\"session_id\":\"x\",\"event_type\":\"t\"}}");
        agent.send("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"s\",\"topic\":\"sessions\"}}");

        assertThat(agent.awaitError(e -> e.message().contains("malformed JSON")).code()).isEqualTo("bad_message");
        assertThat(agent.awaitError(e -> "unknown_type".equals(e.code())).message()).contains("agent.dance");
        assertThat(agent.awaitError(e -> e.message().startsWith("seq:")).code()).isEqualTo("bad_message");
        assertThat(agent.awaitError(e -> "unexpected_type".equals(e.code())).message()).contains("subscribe");
        assertThat(agent.errors()).allMatch(e -> e.seq() == null);
        assertThat(agent.acks()).containsExactly(0L);

        agent.sendDurable(1, new EventsAppend("after-" + host.hostId(), "test", null));
        agent.awaitAck(1);
        assertThat(agent.isOpen()).isTrue();
    }

    @Test
    void durableFrameWithAMissingField_isAckedWithAnErrorNamingItsSeq() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");

        agent.send("{\"type\":\"events.append\",\"seq\":1,\"payload\":{\"event_type\":\"t\"}}");

        ErrorMessage error = agent.awaitError(e -> Long.valueOf(1).equals(e.seq()));
        assertThat(error.code()).isEqualTo("bad_message");
        assertThat(error.message()).contains("payload.session_id");
        agent.awaitAck(1);
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(1);
        agent.sendDurable(2, new EventsAppend("s-" + host.hostId(), "test", null));
        agent.awaitAck(2);
    }

    @Test
    void oversizedDurableFrame_isRefusedAndAcked_andTheSocketStaysOpen() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String big = "y".repeat(AgentFrames.MAX_FRAME_CHARS);

        agent.send("{\"type\":\"events.append\",\"seq\":1,\"payload\":{\"session_id\":\"big\",\"event_type\":\"t\","
                + "\"payload\":{\"blob\":\"" + big + "\"}}}");

        ErrorMessage error = agent.awaitError(e -> "too_large".equals(e.code()));
        assertThat(error.seq()).isEqualTo(1);
        agent.awaitAck(1);
        agent.sendDurable(2, new EventsAppend("small-" + host.hostId(), "test", null));
        agent.awaitAck(2);
        assertThat(agent.isOpen()).isTrue();
        long bigEvents = cp.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE session_id = 'big'")
                .mapTo(Long.class).one());
        assertThat(bigEvents).isZero();
    }

    @Test
    void frameJustUnderTheLimit_isStored() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String session = "near-limit-" + host.hostId();
        String blob = "z".repeat(AgentFrames.MAX_FRAME_CHARS - 1000);
        agent.upsertSession(1, session);

        agent.sendDurable(2, new EventsAppend(session, "test",
                cp.codec().mapper().createObjectNode().put("blob", blob)));

        agent.awaitAck(2);
        assertThat(agent.errors()).isEmpty();
        int storedLength = cp.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM events WHERE session_id = :s").bind("s", session).mapTo(String.class).one())
                .length();
        assertThat(storedLength).isGreaterThan(blob.length());
    }

    @Test
    void approvalEventsWithANullPayload_areRefusedOnceAndParked_andTheFramesAfterThemAreStored() {
        HostAccess host = cp.newHost();
        String session = "poison-" + host.hostId();
        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();
        agent.upsertSession(1, session);

        agent.send(eventFrame(2, session, "approval.requested", "null"));
        agent.send(eventFrame(3, session, "approval.closed", "null"));
        agent.send(eventFrame(4, session, "approval.closed", "[\"answered_in_terminal\"]"));
        agent.sendDurable(5, new EventsAppend(session, "hook.Stop", null));

        agent.awaitAck(5);
        assertThat(agent.errors()).extracting(ErrorMessage::seq).containsExactly(2L, 3L, 4L);
        assertThat(agent.errors()).allSatisfy(error -> {
            assertThat(error.code()).isEqualTo("bad_message");
            assertThat(error.message()).startsWith("payload.payload:");
        });
        assertThat(storedEventTypes(session)).containsExactly("hook.Stop");
        assertThat(parkedSeqs(host)).containsExactly(2L, 3L, 4L);
        assertThat(agent.isOpen()).isTrue();

        // agentd resending them (its ack was lost) changes nothing
        agent.close();
        TestAgent again = cp.agent(host, "s");
        assertThat(again.firstAck()).isEqualTo(5);
        again.send(eventFrame(2, session, "approval.requested", "null"));
        again.awaitAck(2);
        assertThat(again.errors()).isEmpty();
        assertThat(parkedSeqs(host)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void frameTheDatabaseRefuses_isParkedAndAcked_andTheFramesAfterItAreStored() {
        HostAccess host = cp.newHost();
        String session = "after-unstorable-" + host.hostId();
        TestAgent agent = cp.agent(host, "s");
        agent.upsertSession(1, session);

        agent.sendDurable(2, new EventsAppend(session, "x".repeat(300), null)); // longer than the column
        agent.sendDurable(3, new EventsAppend(session, "test", null));

        agent.awaitAck(3);
        assertThat(agent.errors()).singleElement().satisfies(error -> {
            assertThat(error.seq()).isEqualTo(2);
            assertThat(error.code()).isEqualTo("not_applicable");
        });
        assertThat(storedEventTypes(session)).containsExactly("test");
        assertThat(parkedSeqs(host)).containsExactly(2L);
        String parked = cp.jdbi().withHandle(h -> h.createQuery("SELECT frame FROM refused_frames WHERE host_id = :h")
                .bind("h", host.hostId()).mapTo(String.class).one());
        assertThat(parked).contains("x".repeat(300));
    }

    @Test
    void seqFarAheadOfTheNext_isRefusedWithoutAck_andTheHostsLaterFramesAreStillStored() {
        HostAccess host = cp.newHost();
        String session = "gap-" + host.hostId();
        TestAgent agent = cp.agent(host, "s");
        agent.upsertSession(1, session);
        agent.sendDurable(2, new EventsAppend(session, "test.one", null));
        agent.awaitAck(2);

        agent.sendDurable(Long.MAX_VALUE, new EventsAppend(session, "test.absurd", null));
        ErrorMessage error = agent.awaitError(e -> Long.valueOf(Long.MAX_VALUE).equals(e.seq()));
        agent.sendDurable(3, new EventsAppend(session, "test.two", null));
        agent.sendDurable(4, new EventsAppend(session, "test.three", null));

        agent.awaitAck(4);
        assertThat(error.code()).isEqualTo("seq_gap");
        assertThat(error.message()).contains("next expected seq 3");
        assertThat(agent.acks()).doesNotContain(Long.MAX_VALUE);
        assertThat(storedEventTypes(session)).containsExactly("test.one", "test.two", "test.three");
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(4);
        assertThat(parkedSeqs(host)).isEmpty();
        assertThat(agent.isOpen()).isTrue();
    }

    private static String eventFrame(long seq, String session, String eventType, String innerPayload) {
        return "{\"type\":\"events.append\",\"seq\":" + seq + ",\"ts\":\"2026-11-24T05:00:00Z\",\"payload\":{"
                + "\"session_id\":\"" + session + "\",\"event_type\":\"" + eventType + "\",\"payload\":"
                + innerPayload + "}}";
    }

    private static List<String> storedEventTypes(String session) {
        return cp.jdbi().withHandle(h -> h.createQuery(
                        "SELECT event_type FROM events WHERE session_id = :s ORDER BY event_id")
                .bind("s", session).mapTo(String.class).list());
    }

    private static List<Long> parkedSeqs(HostAccess host) {
        return cp.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM refused_frames WHERE host_id = :h ORDER BY seq")
                .bind("h", host.hostId()).mapTo(Long.class).list());
    }
}
