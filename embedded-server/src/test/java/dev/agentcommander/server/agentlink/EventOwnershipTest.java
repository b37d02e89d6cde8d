package dev.agentcommander.server.agentlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event is stored only on a session its host stored before: one for a session nobody has, or another host's, is
 * refused once (an error naming its seq), parked and acked, so the stream goes on and the session's owner never sees
 * it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventOwnershipTest {
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
    void eventsForASessionNoHostHasYet_areRefusedAsUnknownSession_andNeverShowInTheSessionOfItsLaterOwner() {
        HostAccess early = cp.newHost();
        HostAccess owner = cp.newHost();
        String session = "not-yet-" + UUID.randomUUID();
        String approvalId = UUID.randomUUID().toString();
        TestAgent intruder = cp.agent(early, "s");

        intruder.sendDurable(1, new EventsAppend(session, "hook.Stop", null));
        intruder.sendDurable(2, new EventsAppend(session, "approval.requested", cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash")));
        intruder.awaitAck(2);

        assertThat(intruder.errors()).extracting(ErrorMessage::seq, ErrorMessage::code).containsExactly(
                tuple(1L, "unknown_session"),
                tuple(2L, "unknown_session"));
        assertThat(intruder.errors().get(0).message()).contains(session).contains("sessions.upsert first");
        assertThat(parked(early)).containsExactly("1 unknown_session", "2 unknown_session");
        long approvals = cp.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM approvals WHERE approval_id = :id").bind("id", approvalId).mapTo(Long.class).one());
        assertThat(approvals).isZero();

        TestAgent rightful = cp.agent(owner, "s");
        rightful.upsertSession(1, session);
        rightful.sendDurable(2, new EventsAppend(session, "hook.UserPromptSubmit", null));
        rightful.awaitAck(2);

        assertThat(rightful.errors()).isEmpty();
        assertThat(eventsOverRest(session)).containsExactly(owner.hostId() + " hook.UserPromptSubmit");
        assertThat(intruder.isOpen()).isTrue();
    }

    @Test
    void eventsForAnotherHostsSession_areRefusedAsNotOwned_parkedAndAcked_andTheFramesAfterThemAreStored() {
        HostAccess owner = cp.newHost();
        HostAccess other = cp.newHost();
        String theirs = "theirs-" + UUID.randomUUID();
        String mine = "mine-" + UUID.randomUUID();
        TestAgent rightful = cp.agent(owner, "s");
        rightful.upsertSession(1, theirs);
        rightful.awaitAck(1);
        TestAgent intruder = cp.agent(other, "s");

        intruder.sendDurable(1, new EventsAppend(theirs, "hook.Stop", null));
        intruder.upsertSession(2, mine);
        intruder.sendDurable(3, new EventsAppend(mine, "hook.Stop", null));
        intruder.awaitAck(3);

        assertThat(intruder.errors()).singleElement().satisfies(error -> {
            assertThat(error.seq()).isEqualTo(1);
            assertThat(error.code()).isEqualTo("session_not_owned");
            assertThat(error.message()).contains(theirs).contains("another host");
        });
        assertThat(parked(other)).containsExactly("1 session_not_owned");
        assertThat(eventsOverRest(theirs)).isEmpty();
        assertThat(eventsOverRest(mine)).containsExactly(other.hostId() + " hook.Stop");
        assertThat(cp.hostRow(other.hostId()).get("last_acked_seq").asLong()).isEqualTo(3);
    }

    /** "host_id event_type" of each event the REST API lists for the session. */
    private static List<String> eventsOverRest(String sessionId) {
        List<String> events = new ArrayList<>();
        for (JsonNode event : cp.get("/v1/sessions/" + sessionId + "/events", cp.adminToken()).body().get("items")) {
            events.add(hostOf(event) + " " + event.get("event_type").asText());
        }
        return events;
    }

    private static String hostOf(JsonNode event) {
        return cp.jdbi().withHandle(h -> h.createQuery("SELECT host_id FROM events WHERE event_id = :id")
                .bind("id", event.get("event_id").asLong()).mapTo(String.class).one());
    }

    /** "seq code" of each frame of the host parked in refused_frames. */
    private static List<String> parked(HostAccess host) {
        return cp.jdbi().withHandle(h -> h.createQuery(
                        "SELECT seq, code FROM refused_frames WHERE host_id = :h ORDER BY seq")
                .bind("h", host.hostId()).map((rs, ctx) -> rs.getLong("seq") + " " + rs.getString("code")).list());
    }
}
