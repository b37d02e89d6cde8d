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
class SessionTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final String ID = "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c";

    private final SessionTracker tracker = new SessionTracker(List.of());

    @Test
    void firstPoll_sendsEveryPane_thenOnlyChanges_withTheSignalTimeKeptWhileItHolds() {
        assertThat(poll(T0, pane("bash", 100))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.provider()).isEqualTo(Provider.SHELL);
            assertThat(row.statusReason()).isEqualTo("process: pane_current_command=bash at " + T0);
        });
        assertThat(poll(T0.plusSeconds(1), pane("bash", 100))).isEmpty();

        List<SessionRow> running = poll(T0.plusSeconds(2), pane("claude", 100));
        assertThat(running).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(row.provider()).isEqualTo(Provider.CLAUDE);
            assertThat(row.statusReason()).isEqualTo("process: pane_current_command=claude at " + T0.plusSeconds(2));
        });
        assertThat(poll(T0.plusSeconds(3), pane("claude", 100))).isEmpty();
    }

    @Test
    void activityAlone_isSentAtMostEveryTenSeconds() {
        poll(T0, pane("bash", 100));

        assertThat(poll(T0.plusSeconds(1), pane("bash", 101))).isEmpty();
        assertThat(poll(T0.plusSeconds(9), pane("bash", 109))).isEmpty();
        assertThat(poll(T0.plusSeconds(10), pane("bash", 110))).singleElement()
                .satisfies(row -> assertThat(row.lastActivityAt()).isEqualTo(Instant.ofEpochSecond(110)));
        assertThat(poll(T0.plusSeconds(11), pane("bash", 111))).isEmpty();
    }

    @Test
    void vanishedPane_isSentGoneOnce_andDeadPanesAreDoneOrError() {
        poll(T0, pane("bash", 100));

        assertThat(poll(T0.plusSeconds(1))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.GONE);
            assertThat(row.statusReason()).isEqualTo("tmux: pane %1 no longer exists at " + T0.plusSeconds(1));
        });
        assertThat(poll(T0.plusSeconds(2))).isEmpty();

        Pane failed = new Pane("%2", 7, true, 3, "0", null, ID, "make", "main", "w", "t", "/");
        assertThat(poll(T0.plusSeconds(3), failed)).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(SessionStatus.ERROR));
    }

    @Test
    void sessionsReportedByAPreviousRun_areSentGoneWhenTheirPaneIsMissing() {
        SessionRow old = new SessionRow(ID, null, "w", Provider.CLAUDE, SessionStatus.RUNNING, false, null, "/", null,
                null, "x", null, null, null);
        SessionTracker restarted = new SessionTracker(List.of(old));

        SessionTracker.Diff diff = restarted.diff(List.of(), T0);

        assertThat(diff.rows()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.GONE);
            assertThat(row.provider()).isEqualTo(Provider.CLAUDE);
        });
        assertThat(diff.goneIds()).containsExactly(ID);
    }

    private List<SessionRow> poll(Instant now, Pane... panes) {
        SessionTracker.Diff diff = tracker.diff(List.of(panes), now);
        tracker.commit(diff);
        return diff.rows();
    }

    private static Pane pane(String command, long activity) {
        return new Pane("%1", 42, false, 0, "0", Instant.ofEpochSecond(activity), ID, command, "main", "w", "title", "/");
    }
}
