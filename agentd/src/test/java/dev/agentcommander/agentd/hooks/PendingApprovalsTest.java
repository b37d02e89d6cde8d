package dev.agentcommander.agentd.hooks;

import dev.agentcommander.agentd.internal.EventPayloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.ApprovalDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PendingApprovalsTest {
    private final PendingApprovals approvals = new PendingApprovals(Duration.ofSeconds(60), Clock.systemUTC());
    private final List<PendingApproval> settled = new CopyOnWriteArrayList<>();

    PendingApprovalsTest() {
        approvals.onSettled(settled::add);
    }

    @AfterEach
    void close() {
        approvals.close();
    }

    @Test
    void firstOutcomeWins_duplicateAndUnknownDecisionsAreHarmless() {
        PendingApproval approval = approvals.open("s1", "%1", "claude-1");

        approvals.decide(new ApprovalDecision("no-such-approval", "allow", null, null));
        approvals.decide(new ApprovalDecision(approval.approvalId(), "deny", null, "no"));
        approvals.decide(new ApprovalDecision(approval.approvalId(), "allow", null, null));
        approvals.answeredInTerminal("claude-1");

        Settlement outcome = approval.settled().join();
        assertThat(outcome.kind()).isEqualTo(Settlement.Kind.DECIDED);
        assertThat(outcome.decision().decision()).isEqualTo("deny");
        await().until(() -> settled.size() == 1);
        assertThat(approvals.size()).isZero();
    }

    @Test
    void answeredInTerminal_settlesOnlyTheApprovalsOfThatClaudeSession() {
        PendingApproval mine = approvals.open("s1", "%1", "claude-1");
        PendingApproval other = approvals.open("s2", "%2", "claude-2");

        approvals.answeredInTerminal("claude-1");

        assertThat(mine.settled().join().kind()).isEqualTo(Settlement.Kind.ANSWERED_IN_TERMINAL);
        assertThat(other.settled()).isNotDone();
    }

    @Test
    void timeout_settlesAsTimedOut_andCloseWithdrawsTheRest() {
        try (PendingApprovals quick = new PendingApprovals(Duration.ofMillis(200), Clock.systemUTC())) {
            assertThat(quick.open("s1", "%1", "c").settled().join().kind()).isEqualTo(Settlement.Kind.TIMED_OUT);
        }
        PendingApproval waiting = approvals.open("s1", "%1", "c");
        approvals.close();
        assertThat(waiting.settled().join().kind()).isEqualTo(Settlement.Kind.WITHDRAWN);
    }

    @Test
    void hugeHookFields_areTrimmed_smallPayloadsKeptAsTheyAre() throws Exception {
        WireCodec codec = new WireCodec();
        JsonNode small = codec.mapper().readTree("{\"session_id\":\"c\",\"tool_input\":{\"command\":\"ls\"}}");
        JsonNode huge = codec.mapper().createObjectNode().put("session_id", "c")
                .put("tool_response", "x".repeat(EventPayloads.EVENT_BUDGET + 1));

        assertThat(EventPayloads.trimmed(codec.mapper(), small, EventPayloads.EVENT_BUDGET)).isEqualTo(small);
        JsonNode trimmed = EventPayloads.trimmed(codec.mapper(), huge, EventPayloads.EVENT_BUDGET);
        assertThat(trimmed.get("session_id").textValue()).isEqualTo("c");
        assertThat(trimmed.get("tool_response").textValue()).startsWith("[trimmed by agentd: ");
    }
}
