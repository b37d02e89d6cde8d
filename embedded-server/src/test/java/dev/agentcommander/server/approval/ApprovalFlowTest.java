package dev.agentcommander.server.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.time.Duration;
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

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApprovalFlowTest {
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
    void request_isOnePendingApproval_decisionReachesTheAgent_andASecondDecisionIs409() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        String approvalId = UUID.randomUUID().toString();

        agent.sendDurable(2, request(sessionId, approvalId));
        agent.sendDurable(3, request(sessionId, approvalId));
        agent.awaitAck(3);

        List<JsonNode> pending = approvals("pending", host);
        assertThat(pending).singleElement().satisfies(row -> {
            assertThat(row.get("approval_id").asText()).isEqualTo(approvalId);
            assertThat(row.get("status").asText()).isEqualTo("pending");
            assertThat(row.get("session_id").asText()).isEqualTo(sessionId);
            assertThat(row.get("host_id").asText()).isEqualTo(host.hostId());
            assertThat(row.get("tool_name").asText()).isEqualTo("Bash");
            assertThat(row.at("/tool_input/command").asText()).isEqualTo("rm -rf build");
            assertThat(row.get("cwd").asText()).isEqualTo("/work/api");
            assertThat(row.hasNonNull("requested_at")).isTrue();
        });

        Response decided = cp.post("/v1/approvals/" + approvalId + "/decision", cp.token(Role.OPERATOR),
                "{\"decision\":\"allow\",\"updated_input\":{\"command\":\"rm -rf build/tmp\"},\"reason\":\"narrowed\"}");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.body().get("status").asText()).isEqualTo("allowed");
        assertThat(decided.body().get("decided_by").asText()).isEqualTo("operator@example.com");
        assertThat(decided.body().hasNonNull("decided_at")).isTrue();
        ApprovalDecision delivered = agent.awaitPayload(ApprovalDecision.class, d -> d.approvalId().equals(approvalId));
        assertThat(delivered.decision()).isEqualTo("allow");
        assertThat(delivered.updatedInput().get("command").asText()).isEqualTo("rm -rf build/tmp");
        assertThat(delivered.reason()).isEqualTo("narrowed");

        Response again = cp.post("/v1/approvals/" + approvalId + "/decision", cp.token(Role.ADMIN),
                "{\"decision\":\"deny\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict");
        assertThat(approvals("pending", host)).isEmpty();
        assertThat(approvals("decided", host)).singleElement()
                .satisfies(row -> assertThat(row.get("updated_input").get("command").asText()).isEqualTo("rm -rf build/tmp"));
        assertThat(agent.payloads(ApprovalDecision.class)).hasSize(1);
    }

    @Test
    void decision_whileTheAgentIsDisconnected_isDeliveredOnReconnect_once() throws InterruptedException {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        String approvalId = UUID.randomUUID().toString();
        agent.sendDurable(2, request(sessionId, approvalId));
        agent.awaitAck(2);
        agent.closeBlocking();
        await().atMost(Duration.ofSeconds(10)).until(() -> !cp.hostRow(host.hostId()).get("online").asBoolean());

        assertThat(cp.post("/v1/approvals/" + approvalId + "/decision", cp.token(Role.OPERATOR),
                "{\"decision\":\"deny\",\"reason\":\"not now\"}").status()).isEqualTo(200);

        TestAgent back = cp.agent(host, "s");
        ApprovalDecision delivered = back.awaitPayload(ApprovalDecision.class, d -> d.approvalId().equals(approvalId));
        assertThat(delivered.decision()).isEqualTo("deny");
        assertThat(delivered.reason()).isEqualTo("not now");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(approvalId));
        back.closeBlocking();

        TestAgent third = cp.agent(host, "s");
        third.firstAck();
        // a decision still due would follow the first ack on the connecting thread; a durable round trip orders after it
        third.sendDurable(3, new EventsAppend(sessionId, "hook.Stop", null));
        third.awaitAck(3);
        assertThat(third.payloads(ApprovalDecision.class)).isEmpty();
    }

    @Test
    void closedByTheAgent_closesThePendingApprovalWithItsReason_andADecisionIsThen409() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        String answered = UUID.randomUUID().toString();
        String timedOut = UUID.randomUUID().toString();
        agent.sendDurable(2, request(sessionId, answered));
        agent.sendDurable(3, request(sessionId, timedOut));
        agent.sendDurable(4, closed(sessionId, answered, "answered_in_terminal"));
        agent.sendDurable(5, closed(sessionId, timedOut, "timed_out"));
        agent.sendDurable(6, closed(sessionId, timedOut, "fell_asleep"));
        agent.awaitAck(6);

        assertThat(approvals("decided", host)).extracting(row -> row.get("approval_id").asText() + "="
                + row.get("status").asText()).containsExactlyInAnyOrder(answered + "=answered_in_terminal",
                timedOut + "=timed_out");
        assertThat(agent.awaitError(e -> "bad_approval".equals(e.code())).seq()).isEqualTo(6L);
        assertThat(cp.post("/v1/approvals/" + answered + "/decision", cp.token(Role.OPERATOR),
                "{\"decision\":\"allow\"}").status()).isEqualTo(409);
        Response events = cp.get("/v1/sessions/" + sessionId + "/events", cp.token(Role.VIEWER));
        assertThat(events.body().get("items").findValuesAsText("event_type"))
                .containsExactly("approval.requested", "approval.requested", "approval.closed", "approval.closed",
                        "approval.closed");
    }

    @Test
    void decisionRoute_refusesViewers_unknownApprovals_andBadBodies_andListPages() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String sessionId = session(agent, host);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(UUID.randomUUID().toString());
            agent.sendDurable(2 + i, request(sessionId, ids.get(i)));
        }
        agent.awaitAck(4);
        String operator = cp.token(Role.OPERATOR);

        assertThat(cp.post("/v1/approvals/" + ids.get(0) + "/decision", cp.token(Role.VIEWER),
                "{\"decision\":\"allow\"}").status()).isEqualTo(403);
        assertThat(cp.post("/v1/approvals/nope/decision", operator, "{\"decision\":\"allow\"}").status()).isEqualTo(404);
        Response bad = cp.post("/v1/approvals/" + ids.get(0) + "/decision", operator, "{\"decision\":\"maybe\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/field").asText()).isEqualTo("decision");
        assertThat(cp.post("/v1/approvals/" + ids.get(0) + "/decision", operator,
                "{\"decision\":\"allow\",\"updated_input\":\"rm\"}").status()).isEqualTo(400);
        assertThat(cp.get("/v1/approvals?status=someday", operator).status()).isEqualTo(400);
        assertThat(cp.get("/v1/approvals?after=garbage", operator).status()).isEqualTo(400);

        String base = "/v1/approvals?status=pending&host_id=" + host.hostId() + "&limit=2";
        Response first = cp.get(base, cp.token(Role.VIEWER));
        assertThat(first.body().get("items")).hasSize(2);
        String next = first.body().get("next").asText();
        Response second = cp.get(base + "&after=" + next, cp.token(Role.VIEWER));
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(second.body().get("next").isNull()).isTrue();
        List<String> listed = new ArrayList<>(first.body().get("items").findValuesAsText("approval_id"));
        listed.addAll(second.body().get("items").findValuesAsText("approval_id"));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static boolean delivered(String approvalId) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT delivered FROM approvals WHERE approval_id = :id").bind("id", approvalId)
                .mapTo(Boolean.class).one());
    }

    private static List<JsonNode> approvals(String status, HostAccess host) {
        Response response = cp.get("/v1/approvals?status=" + status + "&host_id=" + host.hostId(),
                cp.token(Role.VIEWER));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.body().get("items").forEach(rows::add);
        return rows;
    }

    static String session(TestAgent agent, HostAccess host) {
        String sessionId = "a-" + host.hostId();
        agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "api", Provider.CLAUDE,
                SessionStatus.WAITING_APPROVAL, true, null, "/work/api", null, null, null, null, null, null))));
        agent.awaitAck(1);
        return sessionId;
    }

    static EventsAppend request(String sessionId, String approvalId) {
        ObjectNode payload = cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash").put("cwd", "/work/api")
                .put("pane_id", "%3").put("claude_session_id", "c-1");
        payload.putObject("tool_input").put("command", "rm -rf build").put("description", "Clean");
        return new EventsAppend(sessionId, "approval.requested", payload);
    }

    static EventsAppend closed(String sessionId, String approvalId, String reason) {
        return new EventsAppend(sessionId, "approval.closed", cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("reason", reason));
    }
}
