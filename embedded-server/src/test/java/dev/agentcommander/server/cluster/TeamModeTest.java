package dev.agentcommander.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.SharedPostgres;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two control-plane nodes on one real PostgreSQL, neither given a JWT secret: what crosses between them. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TeamModeTest {
    static TestPlane nodeA;
    static TestPlane nodeB;

    @BeforeAll
    static void start() {
        String url = SharedPostgres.newDatabase();
        nodeA = TestPlane.join(url, null);
        nodeB = TestPlane.join(url, null);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void sessionUpsertedByAnAgentOnNodeA_reachesAUiSubscriberOnNodeB_andTheHostIsOnlineThere()
            throws InterruptedException {
        HostAccess host = nodeA.newHost();
        TestUi ui = subscribe(nodeB, host);
        TestAgent agent = nodeA.agent(host, "s");

        String sessionId = upsert(agent, host, 1, "one");

        awaitSession(ui, sessionId, host);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.hostRow(host.hostId()).get("online").asBoolean());
        agent.closeBlocking();
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodeB.hostRow(host.hostId()).get("online").asBoolean());
    }

    @Test
    void commandPostedOnNodeB_forAHostOnNodeA_isSentByAOnce_andItsResultIsVisibleFromB() throws InterruptedException {
        HostAccess host = nodeA.newHost();
        TestAgent agent = nodeA.agent(host, "s");
        agent.firstAck();

        Response issued = nodeB.post("/v1/hosts/" + host.hostId() + "/commands", nodeB.token(Role.OPERATOR),
                "{\"type\":\"spawn_session\",\"repo\":\"/work/api\",\"agent\":\"claude\"}");

        assertThat(issued.status()).isEqualTo(202);
        String commandId = issued.body().get("command_id").asText();
        agent.awaitPayload(Command.class, c -> c.commandId().equals(commandId));
        agent.sendDurable(1, CommandsResult.success(commandId,
                nodeA.codec().mapper().createObjectNode().put("session_id", "spawned-" + host.hostId())));
        agent.awaitAck(1);
        Response fromB = nodeB.get("/v1/commands/" + commandId, nodeB.token(Role.VIEWER));
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromB.body().get("status").asText()).isEqualTo("completed");
        assertThat(fromB.body().get("issued_by").asText()).isEqualTo("operator@example.com");
        // a late second send would come before the ack of a later durable round trip
        upsert(agent, host, 2, "spawned");
        assertThat(agent.payloads(Command.class)).filteredOn(c -> c.commandId().equals(commandId)).hasSize(1);
        agent.closeBlocking();
    }

    @Test
    void approvalDecidedOnNodeB_reachesTheAgentOnNodeA_andASecondDecisionOnAIs409() throws InterruptedException {
        HostAccess host = nodeA.newHost();
        TestAgent agent = nodeA.agent(host, "s");
        String sessionId = upsert(agent, host, 1, "api");
        String approvalId = UUID.randomUUID().toString();
        agent.sendDurable(2, request(sessionId, approvalId));
        agent.awaitAck(2);

        Response decided = nodeB.post("/v1/approvals/" + approvalId + "/decision", nodeB.token(Role.OPERATOR),
                "{\"decision\":\"allow\",\"reason\":\"fine\"}");

        assertThat(decided.status()).isEqualTo(200);
        ApprovalDecision delivered = agent.awaitPayload(ApprovalDecision.class,
                d -> d.approvalId().equals(approvalId));
        assertThat(delivered.decision()).isEqualTo("allow");
        assertThat(delivered.reason()).isEqualTo("fine");
        Response again = nodeA.post("/v1/approvals/" + approvalId + "/decision", nodeA.token(Role.ADMIN),
                "{\"decision\":\"deny\"}");
        assertThat(again.status()).isEqualTo(409);
        agent.closeBlocking();
    }

    @Test
    void consoleOfASessionOnNodeA_streamsToAUiOnNodeB_wholeAndInOrder_andIsAskedForAgainAfterTheAgentReconnects()
            throws InterruptedException {
        HostAccess host = nodeA.newHost();
        TestAgent agent = nodeA.agent(host, "s");
        String sessionId = upsert(agent, host, 1, "console");
        TestUi ui = TestUi.connect(nodeB.plane().uiWsUrl(), nodeB.token(Role.VIEWER));
        ui.send(new Subscribe("c", Topic.CONSOLE, nodeB.codec().mapper().createObjectNode()
                .put("session_id", sessionId)));

        String agentSub = consoleSubscription(agent);
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, agentSub, 0L, "$ ls\n", 80, 24, Instant.now())));
        String repaint = "\u001bc$ ls\r\n";
        ui.awaitPayload(ConsoleChunk.class, c -> decode(c).equals(repaint) && c.offset() == 0);
        // bigger than one notification holds: split on the way, whole and in order on arrival
        String big = "0123456789abcdef".repeat(1500) + "é-end";
        agent.send(Envelope.live(new ConsoleChunk(agentSub, sessionId, 0L, base64(big))));
        agent.send(Envelope.live(new ConsoleChunk(agentSub, sessionId, (long) big.getBytes(StandardCharsets.UTF_8).length,
                base64("!"))));
        long repaintLength = repaint.getBytes(StandardCharsets.UTF_8).length;
        await().atMost(Duration.ofSeconds(20)).until(() -> received(ui).endsWith("!"));
        assertThat(received(ui)).isEqualTo(repaint + big + "!");
        List<ConsoleChunk> chunks = ui.payloads(ConsoleChunk.class);
        assertThat(chunks.size()).isGreaterThan(3);
        long next = 0;
        for (ConsoleChunk chunk : chunks) {
            assertThat(chunk.offset()).isEqualTo(next);
            next += Base64.getDecoder().decode(chunk.data()).length;
        }
        assertThat(chunks.get(1).offset()).isEqualTo(repaintLength);

        agent.closeBlocking();
        TestAgent again = nodeA.agent(host, "s");
        String renewed = consoleSubscription(again);
        assertThat(renewed).isNotEqualTo(agentSub);
        again.send(Envelope.live(new ConsoleChunk(renewed, sessionId, 0L, base64("back"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> received(ui).endsWith("back"));

        ui.send(new Unsubscribe("c"));
        Command unsubscribe = again.awaitPayload(Command.class, c -> c.body() instanceof ConsoleUnsubscribe u
                && u.subscriptionId().equals(renewed));
        assertThat(unsubscribe.sessionId()).isEqualTo(sessionId);
        ui.close();
        again.closeBlocking();
    }

    private static String consoleSubscription(TestAgent agent) {
        return ((ConsoleSubscribe) agent.awaitPayload(Command.class, c -> c.body() instanceof ConsoleSubscribe).body())
                .subscriptionId();
    }

    private static String received(TestUi ui) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ConsoleChunk chunk : ui.payloads(ConsoleChunk.class)) {
            bytes.writeBytes(Base64.getDecoder().decode(chunk.data()));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String decode(ConsoleChunk chunk) {
        return new String(Base64.getDecoder().decode(chunk.data()), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostTokenRevokedOnNodeB_closesTheAgentSocketItOpenedOnNodeA() {
        HostAccess host = nodeA.newHost();
        TestAgent agent = nodeA.agent(host, "s");
        agent.firstAck();

        Response revoked = nodeB.delete("/v1/hosts/" + host.hostId() + "/tokens/" + host.tokenId(),
                nodeB.adminToken());

        assertThat(revoked.status()).isIn(200, 204);
        agent.awaitClosed();
        assertThat(agent.closeCode()).isEqualTo(1008);
    }

    @Test
    void hostHeldByANodeWhoseHeartbeatStops_turnsOfflineOnTheOtherNodes_andTheirHostsSubscribersHearOfIt() {
        HostAccess host = nodeB.newHost();
        TestUi ui = TestUi.connect(nodeB.plane().uiWsUrl(), nodeB.token(Role.VIEWER));
        ui.send(new Subscribe("hosts", Topic.HOSTS, null));
        ui.awaitPayload(HostsChanged.class, changed -> changed.subscriptionId().equals("hosts"));
        String ghost = "ghost-" + UUID.randomUUID();
        Instant now = Instant.now();
        nodeB.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO cluster_nodes (node_id, started_at, heartbeat_at) VALUES (?, ?, ?)",
                    ghost, now, now);
            handle.execute("UPDATE hosts SET agent_node_id = ? WHERE host_id = ?", ghost, host.hostId());
        });
        await().atMost(Duration.ofSeconds(8)).until(() -> nodeB.hostRow(host.hostId()).get("online").asBoolean());

        nodeB.jdbi().useHandle(handle -> handle.execute(
                "UPDATE cluster_nodes SET heartbeat_at = ? WHERE node_id = ?", now.minusSeconds(60), ghost));

        await().atMost(Duration.ofSeconds(8)).until(() -> !nodeA.hostRow(host.hostId()).get("online").asBoolean()
                && !nodeB.hostRow(host.hostId()).get("online").asBoolean());
        ui.awaitPayload(HostsChanged.class, changed -> changed.hosts().stream()
                .anyMatch(row -> row.hostId().equals(host.hostId()) && !row.online()));
    }

    @Test
    void tokenMintedByNodeA_isAcceptedByNodeB_becauseTheyShareTheStoredSecret() {
        String token = nodeA.token(Role.VIEWER);

        assertThat(nodeB.get("/v1/me", token).status()).isEqualTo(200);
        assertThat(nodeB.get("/v1/hosts", token).status()).isEqualTo(200);
        assertThat(nodeA.get("/v1/hosts", nodeB.token(Role.VIEWER)).status()).isEqualTo(200);
    }

    @Test
    void listenerKilledByTheDatabase_reconnects_andRelayingResumes() throws InterruptedException {
        HostAccess host = nodeA.newHost();
        TestUi ui = subscribe(nodeB, host);
        TestAgent agent = nodeA.agent(host, "s");
        List<Integer> before = listenerPids();
        assertThat(before).hasSize(2);

        nodeA.jdbi().useHandle(handle -> handle.createQuery("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name LIKE 'agent-commander-listen-%' AND datname = current_database()
                """).mapTo(Boolean.class).list());
        // sent while B's listener may be down: the resync after its reconnect delivers it
        String whileDown = upsert(agent, host, 1, "while-down");

        awaitSession(ui, whileDown, host);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Integer> now = listenerPids();
            return now.size() == 2 && now.stream().noneMatch(before::contains);
        });
        String after = upsert(agent, host, 2, "after");
        awaitSession(ui, after, host);
        agent.closeBlocking();
    }

    private static List<Integer> listenerPids() {
        return nodeA.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT pid FROM pg_stat_activity
                 WHERE application_name LIKE 'agent-commander-listen-%' AND datname = current_database()
                """).mapTo(Integer.class).list());
    }

    private static TestUi subscribe(TestPlane node, HostAccess host) {
        TestUi ui = TestUi.connect(node.plane().uiWsUrl(), node.token(Role.VIEWER));
        ObjectNode filter = node.codec().mapper().createObjectNode().put("host_id", host.hostId());
        ui.send(new Subscribe("mine", Topic.SESSIONS, filter));
        ui.awaitSessionsChanged("mine", 1);
        return ui;
    }

    private static void awaitSession(TestUi ui, String sessionId, HostAccess host) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ui.sessionsChanged("mine").stream()
                .flatMap(change -> change.sessions().stream())
                .anyMatch(row -> row.sessionId().equals(sessionId) && row.hostId().equals(host.hostId())));
    }

    private static String upsert(TestAgent agent, HostAccess host, long seq, String name) {
        String sessionId = name + "-" + host.hostId();
        agent.sendDurable(seq, new SessionsUpsert(List.of(new SessionRow(sessionId, null, name, Provider.CLAUDE,
                SessionStatus.RUNNING, false, null, "/work/" + name, null, null, null, null, null, null))));
        agent.awaitAck(seq);
        return sessionId;
    }

    private static EventsAppend request(String sessionId, String approvalId) {
        ObjectNode payload = nodeA.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash").put("cwd", "/work/api")
                .put("pane_id", "%3").put("claude_session_id", "c-1");
        payload.putObject("tool_input").put("command", "make").put("description", "Build");
        return new EventsAppend(sessionId, "approval.requested", payload);
    }
}
