package dev.agentcommander.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.SendInput;
import dev.agentcommander.schema.command.SpawnSession;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.app.ServerTuning;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.time.Duration;
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

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandFlowTest {
    /** Short, so the expiry test waits seconds, not minutes; long enough for the connect-after-issue tests. */
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static TestPlane cp;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        cp = TestPlane.start(engine, ServerTuning.DEFAULTS.withCommandDeadline(DEADLINE, Duration.ofMillis(200)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        cp.close();
    }

    @Test
    void sessionCommand_toAConnectedHost_isSentThenCompleted_andBecomesACommandCompletedEvent() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host, 1);

        Response issued = cp.post("/v1/sessions/" + sessionId + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"send_input\",\"text\":\"ls -la\",\"enter\":true}");

        assertThat(issued.status()).isEqualTo(202);
        String commandId = issued.body().get("command_id").asText();
        Command sent = agent.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        assertThat(sent.sessionId()).isEqualTo(sessionId);
        assertThat(sent.body()).isEqualTo(new SendInput("ls -la", true));
        JsonNode row = command(commandId);
        assertThat(row.get("status").asText()).isEqualTo("sent");
        assertThat(row.get("issued_by").asText()).isEqualTo("operator@example.com");
        assertThat(row.get("type").asText()).isEqualTo("send_input");
        assertThat(row.get("host_id").asText()).isEqualTo(host.hostId());

        CommandsResult result = CommandsResult.success(commandId, cp.codec().mapper().createObjectNode().put("typed", 6));
        agent.sendDurable(2, result);
        agent.sendDurable(2, result);
        agent.awaitAck(2);

        row = command(commandId);
        assertThat(row.get("status").asText()).isEqualTo("completed");
        assertThat(row.at("/result/typed").asInt()).isEqualTo(6);
        List<JsonNode> completed = completedEvents(sessionId);
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).at("/payload/command_id").asText()).isEqualTo(commandId);
        assertThat(completed.get(0).at("/payload/ok").asBoolean()).isTrue();
    }

    @Test
    void hostCommand_toAnOfflineHost_isQueued_thenSentOnConnect_andItsResultLandsOnTheSpawnedSession() {
        HostAccess host = cp.newHost();

        Response issued = cp.post("/v1/hosts/" + host.hostId() + "/commands", cp.token(Role.ADMIN),
                "{\"type\":\"spawn_session\",\"repo\":\"/work/api\",\"agent\":\"claude\"}");

        assertThat(issued.status()).isEqualTo(202);
        String commandId = issued.body().get("command_id").asText();
        assertThat(command(commandId).get("status").asText()).isEqualTo("queued");
        assertThat(command(commandId).has("session_id")).isFalse();

        TestAgent agent = cp.agent(host, "s");
        Command sent = agent.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        assertThat(sent.body()).isEqualTo(new SpawnSession("/work/api", null, null, "claude", null));
        assertThat(sent.sessionId()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> command(commandId).get("status").asText().equals("sent"));

        String spawned = "spawned-" + host.hostId();
        agent.sendDurable(1, new SessionsUpsert(List.of(row(spawned))));
        agent.sendDurable(2, CommandsResult.success(commandId,
                cp.codec().mapper().createObjectNode().put("session_id", spawned)));
        agent.awaitAck(2);
        assertThat(command(commandId).get("status").asText()).isEqualTo("completed");
        assertThat(completedEvents(spawned)).singleElement()
                .satisfies(event -> assertThat(event.at("/payload/result/session_id").asText()).isEqualTo(spawned));
    }

    @Test
    void commandSentOnAConnectionThatEndedUnanswered_isSentAgainOnTheNextConnect_andOneResultCompletesIt() {
        HostAccess host = cp.newHost();
        TestAgent first = cp.agent(host, "s");
        String sessionId = session(first, host, 1);
        String commandId = cp.post("/v1/sessions/" + sessionId + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"rename_session\",\"name\":\"x\"}").body().get("command_id").asText();
        first.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        first.cut(); // e.g. agentd SIGKILLed before it answered

        TestAgent second = cp.agent(host, "s");
        second.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        second.sendDurable(second.firstAck() + 1, CommandsResult.failure(commandId, "not run again"));
        await().atMost(Duration.ofSeconds(10)).until(() -> command(commandId).get("status").asText().equals("failed"));
        assertThat(command(commandId).get("error").asText()).isEqualTo("not run again");
    }

    @Test
    void resultNamingASessionTheHostHasNotStored_completesTheCommand_butItsEventStaysOffThatSession() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();
        String commandId = cp.post("/v1/hosts/" + host.hostId() + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"adopt_pane\",\"pane_id\":\"%4\"}").body().get("command_id").asText();
        agent.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        String session = "claimed-later-" + UUID.randomUUID();

        agent.sendDurable(1, CommandsResult.success(commandId,
                cp.codec().mapper().createObjectNode().put("session_id", session)));
        agent.awaitAck(1);
        TestAgent otherHost = cp.agent(cp.newHost(), "s");
        otherHost.upsertSession(1, session);
        otherHost.awaitAck(1);

        assertThat(command(commandId).get("status").asText()).isEqualTo("completed");
        assertThat(completedEvents(session)).isEmpty();
        long sessionless = cp.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE host_id = :h "
                + "AND session_id IS NULL AND event_type = 'command.completed'").bind("h", host.hostId())
                .mapTo(Long.class).one());
        assertThat(sessionless).isEqualTo(1);
    }

    @Test
    void failedResult_marksTheCommandFailedWithTheAgentsError() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();
        String commandId = cp.post("/v1/hosts/" + host.hostId() + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"adopt_pane\",\"pane_id\":\"%9\"}").body().get("command_id").asText();
        agent.awaitPayload(Command.class, c -> c.commandId().equals(commandId));

        agent.sendDurable(1, CommandsResult.failure(commandId, "unknown pane %9"));
        agent.awaitAck(1);

        JsonNode row = command(commandId);
        assertThat(row.get("status").asText()).isEqualTo("failed");
        assertThat(row.get("error").asText()).isEqualTo("unknown pane %9");
    }

    @Test
    void queuedCommand_expiresWhenTheHostStaysOfflinePastTheDeadline_andIsNeverSent() {
        HostAccess host = cp.newHost();
        String expiring = cp.post("/v1/hosts/" + host.hostId() + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"spawn_job\",\"cwd\":\"/work\",\"prompt\":\"fix it\"}").body().get("command_id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> command(expiring).get("status").asText().equals("expired"));
        assertThat(command(expiring).get("error").asText()).contains("offline");

        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();
        String later = cp.post("/v1/hosts/" + host.hostId() + "/commands", cp.token(Role.OPERATOR),
                "{\"type\":\"adopt_pane\",\"pane_id\":\"%1\"}").body().get("command_id").asText();
        agent.awaitPayload(Command.class, c -> c.commandId().equals(later));
        assertThat(agent.payloads(Command.class)).extracting(Command::commandId).containsExactly(later);
    }

    @Test
    void commandRoutes_refuseTheWrongKindOfCommand_unknownTargets_badBodies_andViewers() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host, 1);
        String operator = cp.token(Role.OPERATOR);

        Response hostTypeOnSession = cp.post("/v1/sessions/" + sessionId + "/commands", operator,
                "{\"type\":\"spawn_job\",\"cwd\":\"/w\",\"prompt\":\"p\"}");
        assertThat(hostTypeOnSession.status()).isEqualTo(400);
        assertThat(hostTypeOnSession.body().at("/error/field").asText()).isEqualTo("type");
        Response sessionTypeOnHost = cp.post("/v1/hosts/" + host.hostId() + "/commands", operator,
                "{\"type\":\"interrupt\"}");
        assertThat(sessionTypeOnHost.status()).isEqualTo(400);
        assertThat(sessionTypeOnHost.body().at("/error/field").asText()).isEqualTo("type");
        assertThat(cp.post("/v1/sessions/" + sessionId + "/commands", operator,
                "{\"type\":\"console.subscribe\",\"subscription_id\":\"x\"}").status()).isEqualTo(400);
        assertThat(cp.post("/v1/sessions/" + sessionId + "/commands", operator, "{\"type\":\"dance\"}").status())
                .isEqualTo(400);
        assertThat(cp.post("/v1/sessions/" + sessionId + "/commands", operator, "{\"type\":\"send_keys\",\"keys\":[]}")
                .body().at("/error/field").asText()).isEqualTo("keys");
        assertThat(cp.post("/v1/sessions/" + sessionId + "/commands", operator, "{\"text\":").status()).isEqualTo(400);
        assertThat(cp.post("/v1/sessions/nope/commands", operator, "{\"type\":\"interrupt\"}").status()).isEqualTo(404);
        assertThat(cp.post("/v1/hosts/nope/commands", operator, "{\"type\":\"adopt_pane\",\"pane_id\":\"%1\"}")
                .status()).isEqualTo(404);
        assertThat(cp.post("/v1/sessions/" + sessionId + "/commands", cp.token(Role.VIEWER), "{\"type\":\"interrupt\"}")
                .status()).isEqualTo(403);
        assertThat(cp.get("/v1/commands/nope", cp.token(Role.VIEWER)).status()).isEqualTo(404);
        assertThat(agent.payloads(Command.class)).isEmpty();
    }

    private static JsonNode command(String commandId) {
        Response response = cp.get("/v1/commands/" + commandId, cp.token(Role.VIEWER));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static List<JsonNode> completedEvents(String sessionId) {
        Response response = cp.get("/v1/sessions/" + sessionId + "/events?limit=1000", cp.token(Role.VIEWER));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> events = new java.util.ArrayList<>();
        response.body().get("items").forEach(event -> {
            if (event.get("event_type").asText().equals("command.completed")) {
                events.add(event);
            }
        });
        return events;
    }

    /** Stores one session of the host with {@code seq}; returns its id. */
    static String session(TestAgent agent, HostAccess host, long seq) {
        String sessionId = "s-" + host.hostId();
        agent.sendDurable(seq, new SessionsUpsert(List.of(row(sessionId))));
        agent.awaitAck(seq);
        return sessionId;
    }

    static SessionRow row(String sessionId) {
        return new SessionRow(sessionId, null, "work", Provider.CLAUDE, SessionStatus.RUNNING, false, null, "/work",
                null, null, null, null, null, null);
    }
}
