package dev.agentcommander.server.agentlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExactlyOnceTest {
    private static final int N = 200;
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
    void resend_afterTheConnectionIsCut_storesEachSeqExactlyOnce() {
        HostAccess host = cp.newHost();
        String stream = UUID.randomUUID().toString();
        String session = "eo-" + host.hostId();
        TestAgent first = cp.agent(host, stream);
        assertThat(first.firstAck()).isZero();
        first.upsertSession(1, session);
        sendEvents(first, session, 2, N / 2);
        first.awaitAck(N / 2);

        // more frames in flight, then the TCP connection dies without a close handshake
        sendEvents(first, session, N / 2 + 1, N / 2 + 30);
        first.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !cp.hostRow(host.hostId()).get("online").asBoolean());

        TestAgent second = cp.agent(host, stream);
        long initialAck = second.firstAck();
        assertThat(initialAck).isBetween((long) N / 2, (long) N / 2 + 30);
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(initialAck);
        assertThat(storedSeqs(session)).isEqualTo(LongStream.rangeClosed(2, initialAck).boxed().toList());

        sendEvents(second, session, N / 2 - 20, N);
        second.awaitAck(N);

        assertThat(storedSeqs(session)).isEqualTo(LongStream.rangeClosed(2, N).boxed().toList());
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(N);
        assertThat(second.errors()).isEmpty();
    }

    @Test
    void duplicate_onTheSameConnection_isAckedButNotStoredAgain() {
        HostAccess host = cp.newHost();
        String session = "dup-" + host.hostId();
        TestAgent agent = cp.agent(host, "s");
        agent.upsertSession(1, session);
        sendEvents(agent, session, 2, 4);
        agent.awaitAck(4);

        sendEvents(agent, session, 3, 3);
        agent.awaitAck(3);

        assertThat(storedSeqs(session)).containsExactly(2L, 3L, 4L);
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(4);
    }

    @Test
    void reconnect_withTheSameStream_acksTheStoredSeqFirst() throws InterruptedException {
        HostAccess host = cp.newHost();
        TestAgent first = cp.agent(host, "same");
        first.upsertSession(1, "r-" + host.hostId());
        sendEvents(first, "r-" + host.hostId(), 2, 7);
        first.awaitAck(7);
        first.closeBlocking();

        TestAgent second = cp.agent(host, "same");

        assertThat(second.firstAck()).isEqualTo(7);
    }

    @Test
    void newStreamId_resetsTheCursor_soRestartedSeqsAreStored() {
        HostAccess host = cp.newHost();
        String session = "ns-" + host.hostId();
        TestAgent old = cp.agent(host, "stream-a");
        old.upsertSession(1, session);
        sendEvents(old, session, 2, 10);
        old.awaitAck(10);

        TestAgent wiped = cp.agent(host, "stream-b");

        assertThat(wiped.firstAck()).isZero();
        old.awaitClosed();
        assertThat(old.closeCode()).isEqualTo(4409);
        wiped.upsertSession(1, session);
        sendEvents(wiped, session, 2, 5);
        wiped.awaitAck(5);
        assertThat(storedSeqs(session)).hasSize(13);
        assertThat(cp.hostRow(host.hostId()).get("last_acked_seq").asLong()).isEqualTo(5);
    }

    @Test
    void manyHostsAtOnce_eachSeqStoredExactlyOnce_andOneHostsUnstorableFrameSpoilsNoOtherHost() throws Exception {
        int hosts = 8;
        List<TestAgent> agents = new java.util.ArrayList<>();
        List<String> sessions = new java.util.ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            HostAccess host = cp.newHost();
            agents.add(cp.agent(host, "many"));
            sessions.add("many-" + host.hostId());
        }
        long badSeq = N / 2;
        List<Thread> senders = new java.util.ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            TestAgent agent = agents.get(h);
            String session = sessions.get(h);
            boolean spoiler = h == 3;
            Thread sender = new Thread(() -> {
                agent.upsertSession(1, session);
                for (long seq = 2; seq <= N; seq++) {
                    if (spoiler && seq == badSeq) {
                        // a session id longer than its column: the database refuses it (SQL state 22001)
                        agent.sendDurable(seq, new SessionsUpsert(List.of(new SessionRow("x".repeat(300), null, "bad",
                                Provider.SHELL, SessionStatus.IDLE, false, null, null, null, null, null, null, null,
                                null))));
                    } else {
                        agent.sendDurable(seq, new EventsAppend(session, "test.seq",
                                cp.codec().mapper().createObjectNode().put("n", seq)));
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        for (int h = 0; h < hosts; h++) {
            agents.get(h).awaitAck(N);
            List<Long> all = LongStream.rangeClosed(2, N).boxed().toList();
            if (h == 3) {
                assertThat(storedSeqs(sessions.get(h))).isEqualTo(all.stream().filter(seq -> seq != badSeq).toList());
                assertThat(agents.get(h).errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("frame cannot be stored"));
            } else {
                assertThat(storedSeqs(sessions.get(h))).isEqualTo(all);
                assertThat(agents.get(h).errors()).isEmpty();
            }
        }
    }

    private static void sendEvents(TestAgent agent, String session, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            agent.sendDurable(seq, new EventsAppend(session, "test.seq",
                    cp.codec().mapper().createObjectNode().put("n", seq)));
        }
    }

    /** The n of every stored event of the session, in event_id order. */
    private static List<Long> storedSeqs(String session) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT payload FROM events WHERE session_id = :session ORDER BY event_id")
                .bind("session", session)
                .mapTo(String.class)
                .map(payload -> {
                    try {
                        return cp.codec().mapper().readTree(payload).get("n").asLong();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .list());
    }
}
