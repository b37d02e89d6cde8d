package dev.agentcommander.server.uilink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.ConsoleWrite;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
class UiTopicsTest {
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
    void eventsTopic_answersWithTheRecentEvents_thenPushesNewOnesInOrder() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        agent.sendDurable(2, new EventsAppend(sessionId, "hook.UserPromptSubmit", null));
        agent.sendDurable(3, new EventsAppend(sessionId, "hook.PreToolUse", null));
        agent.awaitAck(3);
        TestUi ui = ui();

        ui.send(new Subscribe("ev", Topic.EVENTS, filter("session_id", sessionId)));

        EventsAppended initial = ui.awaitPayload(EventsAppended.class, e -> e.subscriptionId().equals("ev"));
        assertThat(initial.events()).extracting(EventRow::eventType)
                .containsExactly("hook.UserPromptSubmit", "hook.PreToolUse");
        agent.sendDurable(4, new EventsAppend(sessionId, "hook.Stop", null));
        agent.sendDurable(5, new EventsAppend(sessionId + "-other", "hook.Stop", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(ui, "ev").size() == 3);
        assertThat(eventTypes(ui, "ev")).containsExactly("hook.UserPromptSubmit", "hook.PreToolUse", "hook.Stop");
        List<Long> ids = ui.payloads(EventsAppended.class).stream().flatMap(e -> e.events().stream())
                .map(EventRow::eventId).toList();
        assertThat(ids).isSorted();

        ui.send("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"bad\",\"topic\":\"events\",\"filter\":{}}}");
        assertThat(ui.awaitError(e -> "bad".equals(e.subscriptionId())).message()).contains("session_id");
    }

    @Test
    void approvalsTopic_pushesNewApprovals_andTheDecisionThatTakesThemOutOfPending() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        TestUi ui = ui();
        ui.send(new Subscribe("pending", Topic.APPROVALS, filter("status", "pending")));
        ui.awaitPayload(ApprovalsChanged.class, c -> c.subscriptionId().equals("pending"));
        String approvalId = UUID.randomUUID().toString();

        agent.sendDurable(2, new EventsAppend(sessionId, "approval.requested", cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash")));
        ApprovalRow requested = ui.awaitPayload(ApprovalsChanged.class, c -> has(c, approvalId, ApprovalStatus.PENDING))
                .approvals().get(0);
        assertThat(requested.hostId()).isEqualTo(host.hostId());
        cp.post("/v1/approvals/" + approvalId + "/decision", cp.token(Role.OPERATOR), "{\"decision\":\"deny\"}");

        ApprovalRow decided = ui.awaitPayload(ApprovalsChanged.class, c -> has(c, approvalId, ApprovalStatus.DENIED))
                .approvals().get(0);
        assertThat(decided.decidedBy()).isEqualTo("operator@example.com");
        ui.send(new Subscribe("bad", Topic.APPROVALS, filter("status", "sometimes")));
        assertThat(ui.awaitError(e -> "bad".equals(e.subscriptionId())).code()).isEqualTo("bad_message");
    }

    @Test
    void hostsTopic_pushesCreation_onlineOffline_andAckProgress() throws InterruptedException {
        TestUi ui = ui();
        ui.send(new Subscribe("hosts", Topic.HOSTS, null));
        ui.awaitPayload(HostsChanged.class, c -> c.subscriptionId().equals("hosts"));

        HostAccess host = cp.newHost();
        ui.awaitPayload(HostsChanged.class, c -> host(c, host.hostId()) != null && !host(c, host.hostId()).online());
        TestAgent agent = cp.agent(host, "s");
        ui.awaitPayload(HostsChanged.class, c -> host(c, host.hostId()) != null && host(c, host.hostId()).online());
        session(agent, host);
        ui.awaitPayload(HostsChanged.class, c -> host(c, host.hostId()) != null
                && host(c, host.hostId()).lastAckedSeq() == 1);
        agent.closeBlocking();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<HostsChanged> changes = ui.payloads(HostsChanged.class);
            HostRow last = null;
            for (HostsChanged change : changes) {
                last = host(change, host.hostId()) != null ? host(change, host.hostId()) : last;
            }
            return last != null && !last.online();
        });
    }

    @Test
    void consoleTopic_subscribesTheAgentOnce_relaysSnapshotsAndChunksToEverySubscriber_andUnsubscribesOnTheLast() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        TestUi first = ui();
        TestUi second = ui();

        first.send(new Subscribe("c1", Topic.CONSOLE, filter("session_id", sessionId)));
        String agentSub = ((ConsoleSubscribe) agent.awaitPayload(Command.class,
                c -> c.body() instanceof ConsoleSubscribe).body()).subscriptionId();
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, agentSub, 10L, "$ ls\nREADME\n", 80, 24,
                Instant.now())));
        ConsoleChunk repaint = first.awaitPayload(ConsoleChunk.class, c -> c.subscriptionId().equals("c1"));
        String screen = "\u001bc$ ls\r\nREADME\r\n";
        long length = screen.getBytes(StandardCharsets.UTF_8).length;
        assertThat(repaint.offset()).isZero();
        assertThat(decode(repaint)).isEqualTo(screen);
        // the agent's stream goes on from the snapshot's offset 10; the UI's right after the repaint
        agent.send(Envelope.live(new ConsoleChunk(agentSub, sessionId, 10L, base64("x"))));
        first.awaitPayload(ConsoleChunk.class, c -> decode(c).equals("x") && c.offset() == length);

        second.send(new Subscribe("c2", Topic.CONSOLE, filter("session_id", sessionId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> second.payloads(ConsoleChunk.class).size() == 2);
        assertThat(second.payloads(ConsoleChunk.class)).extracting(UiTopicsTest::decode).containsExactly(screen, "x");
        assertThat(second.payloads(ConsoleChunk.class)).extracting(ConsoleChunk::offset).containsExactly(0L, length);
        assertThat(second.payloads(ConsoleChunk.class)).allMatch(c -> c.subscriptionId().equals("c2"));
        agent.send(Envelope.live(new ConsoleChunk(agentSub, sessionId, 11L, base64("y"))));
        first.awaitPayload(ConsoleChunk.class, c -> decode(c).equals("y") && c.offset() == length + 1);
        second.awaitPayload(ConsoleChunk.class, c -> decode(c).equals("y") && c.offset() == length + 1);

        first.send(new Unsubscribe("c1"));
        second.close();
        Command unsubscribe = agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleUnsubscribe);
        assertThat(((ConsoleUnsubscribe) unsubscribe.body()).subscriptionId()).isEqualTo(agentSub);
        assertThat(agent.payloads(Command.class)).filteredOn(c -> c.body() instanceof ConsoleSubscribe).hasSize(1);
        Response snapshot = cp.get("/v1/sessions/" + sessionId + "/snapshot", cp.token(Role.VIEWER));
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.body().get("content").asText()).isEqualTo("$ ls\nREADME\n");
        assertThat(snapshot.body().get("offset").asLong()).isEqualTo(10L);

        first.send(new Subscribe("none", Topic.CONSOLE, filter("session_id", "no-such-session")));
        assertThat(first.awaitError(e -> "none".equals(e.subscriptionId())).code()).isEqualTo("not_found");
    }

    @Test
    void consoleOfAGoneSession_repaintsItsStoredScreen_orSaysItWasNotKept_andNeverAsksTheAgent() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "g");
        String watched = "w-" + host.hostId();
        String unwatched = "n-" + host.hostId();
        agent.sendDurable(1, new SessionsUpsert(List.of(row(watched, SessionStatus.RUNNING),
                row(unwatched, SessionStatus.RUNNING))));
        agent.awaitAck(1);
        TestUi ui = ui();
        ui.send(new Subscribe("c", Topic.CONSOLE, filter("session_id", watched)));
        String agentSub = ((ConsoleSubscribe) agent.awaitPayload(Command.class,
                c -> c.body() instanceof ConsoleSubscribe).body()).subscriptionId();
        agent.send(Envelope.live(new SessionsSnapshot(watched, agentSub, 0L, "$ last words\n", 80, 24,
                Instant.now())));
        ui.awaitPayload(ConsoleChunk.class, c -> c.subscriptionId().equals("c"));
        ui.send(new Unsubscribe("c"));
        agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleUnsubscribe);

        agent.sendDurable(2, new SessionsUpsert(List.of(row(watched, SessionStatus.GONE),
                row(unwatched, SessionStatus.GONE))));
        agent.awaitAck(2);
        ui.send(new Subscribe("again", Topic.CONSOLE, filter("session_id", watched)));
        ConsoleChunk repaint = ui.awaitPayload(ConsoleChunk.class, c -> c.subscriptionId().equals("again"));
        assertThat(repaint.offset()).isZero();
        assertThat(decode(repaint)).isEqualTo("\u001bc$ last words\r\n");
        ui.send(new Subscribe("never", Topic.CONSOLE, filter("session_id", unwatched)));
        assertThat(ui.awaitError(e -> "never".equals(e.subscriptionId())).code()).isEqualTo("gone");
        assertThat(agent.payloads(Command.class)).filteredOn(c -> c.body() instanceof ConsoleSubscribe).hasSize(1);
    }

    @Test
    void consoleInput_ofAnOperator_reachesTheAgentLiveAndInOrder_isRecordedOnce_andAViewerCannotType() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        TestUi operator = ui(Role.OPERATOR);
        TestUi viewer = ui(Role.VIEWER);
        operator.send(new Subscribe("c", Topic.CONSOLE, filter("session_id", sessionId)));
        String agentSub = ((ConsoleSubscribe) agent.awaitPayload(Command.class,
                c -> c.body() instanceof ConsoleSubscribe).body()).subscriptionId();
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, agentSub, 0L, "$ ", 80, 24, Instant.now())));
        operator.awaitPayload(ConsoleChunk.class, c -> decode(c).endsWith("$ "));
        viewer.send(new Subscribe("v", Topic.CONSOLE, filter("session_id", sessionId)));
        TestUi timeline = ui(Role.VIEWER);
        timeline.send(new Subscribe("e", Topic.EVENTS, filter("session_id", sessionId)));

        List<String> typed = List.of("l", "s", "\r", "\u0003", "é", "\u001b[A");
        typed.forEach(keys -> operator.send(new ConsoleInput("c", base64(keys))));
        await().atMost(Duration.ofSeconds(10)).until(() -> writes(agent).size() == typed.size());
        assertThat(writes(agent)).extracting(ConsoleWrite::subscriptionId).containsOnly(agentSub);
        assertThat(writes(agent)).extracting(w -> new String(w.bytes(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(typed);
        assertThat(agent.received()).filteredOn(e -> e.payload() instanceof Command).allMatch(e -> e.seq() == null);
        int commandRows = cp.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM commands WHERE session_id = :s")
                .bind("s", sessionId).mapTo(Integer.class).one());
        assertThat(commandRows).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(timeline, "e").contains("console.attached"));
        List<JsonNode> attached = new ArrayList<>();
        cp.get("/v1/sessions/" + sessionId + "/events", cp.adminToken()).body().get("items").forEach(event -> {
            if (event.get("event_type").asText().equals("console.attached")) {
                attached.add(event.get("payload"));
            }
        });
        assertThat(attached).hasSize(1);
        assertThat(attached.get(0).get("role").asText()).isEqualTo("operator");
        assertThat(attached.get(0).get("subscription_id").asText()).isEqualTo("c");
        assertThat(attached.get(0).get("by").asText()).isNotBlank();

        viewer.send(new ConsoleInput("v", base64("rm -rf /\r")));
        assertThat(viewer.awaitError(e -> "v".equals(e.subscriptionId())).code()).isEqualTo("forbidden");
        operator.send(new ConsoleInput("nope", base64("x")));
        assertThat(operator.awaitError(e -> "nope".equals(e.subscriptionId())).code()).isEqualTo("not_found");
        operator.send(new Unsubscribe("c"));
        operator.send(new ConsoleInput("c", base64("late")));
        assertThat(operator.awaitError(e -> "c".equals(e.subscriptionId())).code()).isEqualTo("not_found");
        viewer.send(new Unsubscribe("v"));
        agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleUnsubscribe unsubscribe
                && unsubscribe.subscriptionId().equals(agentSub));
        assertThat(writes(agent)).hasSize(typed.size());
    }

    @Test
    void consoleGap_isPassedOnAsAGap_andHealedByAFreshSubscriptionAndRepaint() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        TestUi ui = ui();
        ui.send(new Subscribe("c", Topic.CONSOLE, filter("session_id", sessionId)));
        String first = ((ConsoleSubscribe) agent.awaitPayload(Command.class,
                c -> c.body() instanceof ConsoleSubscribe).body()).subscriptionId();
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, first, 100L, "a", 80, 24, Instant.now())));
        long repaint = "\u001bca".getBytes(StandardCharsets.UTF_8).length;
        agent.send(Envelope.live(new ConsoleChunk(first, sessionId, 100L, base64("bc"))));
        agent.send(Envelope.live(new ConsoleChunk(first, sessionId, 110L, base64("z"))));

        ui.awaitPayload(ConsoleChunk.class, c -> decode(c).equals("z") && c.offset() == repaint + 10);
        Command renewed = agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleSubscribe subscribe
                && !subscribe.subscriptionId().equals(first));
        assertThat(agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleUnsubscribe).body())
                .isEqualTo(new ConsoleUnsubscribe(first));
        String second = ((ConsoleSubscribe) renewed.body()).subscriptionId();
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, second, 111L, "abcz", 80, 24, Instant.now())));
        ConsoleChunk healed = ui.awaitPayload(ConsoleChunk.class, c -> decode(c).equals("\u001bcabcz"));
        assertThat(healed.offset()).isEqualTo(repaint + 11);
    }

    @Test
    void snapshotOfAnotherHostsSession_isRefused_andNotStored() {
        HostAccess owner = cp.newHost();
        HostAccess other = cp.newHost();
        TestAgent ownerAgent = cp.agent(owner, "s");
        String sessionId = session(ownerAgent, owner);
        TestAgent otherAgent = cp.agent(other, "s");

        otherAgent.send(Envelope.live(new SessionsSnapshot(sessionId, null, 0L, "spoof", 80, 24, Instant.now())));
        otherAgent.send(Envelope.live(new SessionsSnapshot("unknown-" + sessionId, null, 0L, "x", 80, 24,
                Instant.now())));

        assertThat(otherAgent.awaitError(e -> "session_not_owned".equals(e.code()))).isNotNull();
        assertThat(otherAgent.awaitError(e -> "unknown_session".equals(e.code()))).isNotNull();
        assertThat(cp.get("/v1/sessions/" + sessionId + "/snapshot", cp.token(Role.VIEWER)).status()).isEqualTo(404);
    }

    @Test
    void sessionAndEventRoutes_answerOneRow_pageEventsOldestFirst_and404ForUnknownSessions() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        for (int i = 0; i < 5; i++) {
            agent.sendDurable(2 + i, new EventsAppend(sessionId, "hook.E" + i, null));
        }
        agent.awaitAck(6);
        String viewer = cp.token(Role.VIEWER);

        Response one = cp.get("/v1/sessions/" + sessionId, viewer);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("host_id").asText()).isEqualTo(host.hostId());
        assertThat(cp.get("/v1/sessions/nope", viewer).status()).isEqualTo(404);
        assertThat(cp.get("/v1/sessions/nope/events", viewer).status()).isEqualTo(404);
        assertThat(cp.get("/v1/sessions/nope/snapshot", viewer).status()).isEqualTo(404);
        assertThat(cp.get("/v1/sessions/" + sessionId + "/snapshot", viewer).status()).isEqualTo(404);
        assertThat(cp.get("/v1/sessions/" + sessionId + "/events?limit=0", viewer).status()).isEqualTo(400);
        assertThat(cp.get("/v1/sessions/" + sessionId + "/events?after=x", viewer).body().at("/error/field").asText())
                .isEqualTo("after");

        Response page1 = cp.get("/v1/sessions/" + sessionId + "/events?limit=3", viewer);
        assertThat(page1.body().get("items").findValuesAsText("event_type"))
                .containsExactly("hook.E0", "hook.E1", "hook.E2");
        Response page2 = cp.get("/v1/sessions/" + sessionId + "/events?limit=3&after="
                + page1.body().get("next").asText(), viewer);
        assertThat(page2.body().get("items").findValuesAsText("event_type")).containsExactly("hook.E3", "hook.E4");
        assertThat(page2.body().get("next").isNull()).isTrue();
    }

    @Test
    void uiSocket_isClosedWith4401WhenItsTokenExpires() {
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.plane().mintUserToken(Role.VIEWER, "short@example.com",
                Duration.ofSeconds(1)));
        assertThat(ui.isOpen()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> ui.closeCode() != null);
        assertThat(ui.closeCode()).isEqualTo(UiSocket.TOKEN_EXPIRED);
        assertThat(ui.closeReason()).isEqualTo("token expired");
    }

    private static TestUi ui() {
        return ui(Role.VIEWER);
    }

    private static TestUi ui(Role role) {
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(role));
        assertThat(ui.isOpen()).isTrue();
        return ui;
    }

    private static List<ConsoleWrite> writes(TestAgent agent) {
        return agent.payloads(Command.class).stream().filter(c -> c.body() instanceof ConsoleWrite)
                .map(c -> (ConsoleWrite) c.body()).toList();
    }

    private static String session(TestAgent agent, HostAccess host) {
        String sessionId = "u-" + host.hostId();
        agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "api", Provider.CLAUDE,
                SessionStatus.RUNNING, false, null, "/work/api", null, null, null, null, null, null))));
        agent.awaitAck(1);
        return sessionId;
    }

    private static SessionRow row(String sessionId, SessionStatus status) {
        return new SessionRow(sessionId, null, "api", Provider.CLAUDE, status, false, null, "/work/api", null, null,
                null, null, null, null);
    }

    private static List<String> eventTypes(TestUi ui, String subscriptionId) {
        return ui.payloads(EventsAppended.class).stream().filter(e -> e.subscriptionId().equals(subscriptionId))
                .flatMap(e -> e.events().stream()).map(EventRow::eventType).toList();
    }

    private static boolean has(ApprovalsChanged change, String approvalId, ApprovalStatus status) {
        return change.approvals().stream().anyMatch(a -> a.approvalId().equals(approvalId) && a.status() == status);
    }

    private static HostRow host(HostsChanged change, String hostId) {
        return change.hosts().stream().filter(h -> h.hostId().equals(hostId)).findFirst().orElse(null);
    }

    private static ObjectNode filter(String field, String value) {
        return cp.codec().mapper().createObjectNode().put(field, value);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(ConsoleChunk chunk) {
        return new String(Base64.getDecoder().decode(chunk.data()), StandardCharsets.UTF_8);
    }
}
