package dev.agentcommander.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
    @Test
    void metrics_exposeConnectionsMessagesAckLagPendingApprovalsAndDbTimings_inPrometheusFormat() {
        try (TestPlane cp = TestPlane.start(Engine.H2)) {
            HostAccess host = cp.newHost();
            TestAgent agent = cp.agent(host, "s");
            agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow("x-" + host.hostId(), null, "x",
                    Provider.SHELL, SessionStatus.IDLE, false, null, "/", null, null, null, null, null, null))));
            agent.sendDurable(2, new EventsAppend("x-" + host.hostId(), "approval.requested",
                    cp.codec().mapper().createObjectNode().put("approval_id", "ap-1").put("tool_name", "Bash")));
            agent.awaitAck(2);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Response metrics = cp.get("/metrics", null);
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.text())
                        .contains("agentcommander_agent_connections 1.0")
                        .contains("agentcommander_approvals_pending 1.0")
                        .contains("agentcommander_agent_messages_in_total")
                        .contains("agentcommander_agent_messages_out_total")
                        .contains("agentcommander_agent_ack_lag_seconds_count")
                        .contains("agentcommander_db_apply_seconds")
                        .contains("agentcommander_ui_connections")
                        .contains("hikaricp_connections_acquire_seconds");
            });
        }
    }
}
