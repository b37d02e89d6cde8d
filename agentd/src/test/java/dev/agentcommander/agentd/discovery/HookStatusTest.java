package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HookStatusTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final String ID = "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c";

    private final HookSignals signals = new HookSignals();
    private final SessionTracker tracker = new SessionTracker(List.of(), signals);

    @Test
    void hookSignal_winsOverTheProcess_whileClaudeRuns_andIsForgottenAtTheShell() {
        poll(T0, pane("claude"));
        signals.put(ID, new HookSignal(SessionStatus.WAITING_APPROVAL, true, "PermissionRequest", T0.plusSeconds(1)));

        assertThat(poll(T0.plusSeconds(2), pane("claude"))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.WAITING_APPROVAL);
            assertThat(row.needsAttention()).isTrue();
            assertThat(row.statusReason()).isEqualTo("hook: PermissionRequest at " + T0.plusSeconds(1));
        });

        signals.put(ID, new HookSignal(SessionStatus.IDLE, false, "Stop", T0.plusSeconds(3)));
        assertThat(poll(T0.plusSeconds(4), pane("claude"))).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(SessionStatus.IDLE));

        assertThat(poll(T0.plusSeconds(5), pane("bash"))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.provider()).isEqualTo(Provider.SHELL);
            assertThat(row.statusReason()).startsWith("process:");
        });
        assertThat(signals.get(ID)).isEmpty();
    }

    @Test
    void pendingApproval_keepsAShellPaneWaitingAcrossPolls_andOnceClosedTheProcessDecidesAgain() {
        poll(T0, pane("bash"));
        signals.put(ID, new HookSignal(SessionStatus.RUNNING, false, "PreToolUse", T0.plusSeconds(1)));
        signals.approvalPending(ID, "a-1", T0.plusSeconds(2));

        assertThat(poll(T0.plusSeconds(3), pane("bash"))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.WAITING_APPROVAL);
            assertThat(row.needsAttention()).isTrue();
            assertThat(row.statusReason()).isEqualTo("hook: PermissionRequest at " + T0.plusSeconds(2));
        });
        assertThat(poll(T0.plusSeconds(4), pane("bash"))).isEmpty();
        assertThat(poll(T0.plusSeconds(5), pane("bash"))).isEmpty();

        signals.approvalClosed(ID, "a-1");
        assertThat(poll(T0.plusSeconds(6), pane("bash"))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.needsAttention()).isFalse();
            assertThat(row.statusReason()).isEqualTo("process: pane_current_command=bash at " + T0);
        });
    }

    @Test
    void closingOneOfTwoPendingApprovals_keepsTheSessionWaiting_andDropsHookSignalsOlderThanTheRequest() {
        poll(T0, pane("claude"));
        signals.put(ID, new HookSignal(SessionStatus.RUNNING, false, "PreToolUse", T0.plusSeconds(1)));
        signals.approvalPending(ID, "a-1", T0.plusSeconds(2));
        signals.approvalPending(ID, "a-2", T0.plusSeconds(3));

        signals.approvalClosed(ID, "a-1");
        assertThat(poll(T0.plusSeconds(4), pane("claude"))).singleElement()
                .satisfies(row -> assertThat(row.statusReason()).isEqualTo("hook: PermissionRequest at "
                        + T0.plusSeconds(3)));

        signals.approvalClosed(ID, "a-2");
        signals.approvalClosed(ID, "a-2");
        assertThat(signals.get(ID)).isEmpty();
        assertThat(poll(T0.plusSeconds(5), pane("claude"))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(row.statusReason()).startsWith("process: pane_current_command=claude");
        });
    }

    @Test
    void olderHookSignal_doesNotReplaceANewerOne() {
        signals.put(ID, new HookSignal(SessionStatus.IDLE, false, "Stop", T0.plusSeconds(2)));
        signals.put(ID, new HookSignal(SessionStatus.RUNNING, false, "PreToolUse", T0.plusSeconds(1)));

        assertThat(signals.get(ID)).get().extracting(HookSignal::hook).isEqualTo("Stop");
    }

    private List<SessionRow> poll(Instant now, Pane... panes) {
        SessionTracker.Diff diff = tracker.diff(List.of(panes), now);
        tracker.commit(diff);
        return diff.rows();
    }

    private static Pane pane(String command) {
        return new Pane("%1", 7, false, 0, "0", Instant.ofEpochSecond(100), ID, command, "main", "w", "t", "/");
    }
}
