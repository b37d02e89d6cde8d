package dev.agentcommander.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.approvals.ApprovalsViewModel;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.settings.Settings;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AttentionNotifierTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApprovalsViewModel approvals = new ApprovalsViewModel(row -> row.sessionId() + " on laptop");
    private final SessionsViewModel sessions = new SessionsViewModel(T0);
    private final List<String> shown = new ArrayList<>();
    private final List<Runnable> planned = new ArrayList<>();
    private Settings settings = Settings.DEFAULTS;
    private Predicate<Notice.Target> lookingAt = target -> false;

    private final NoticeSink sink = new NoticeSink() {
        @Override
        public void show(Notice notice) {
            shown.add(notice.key() + " | " + notice.summary() + " | " + notice.target().kind());
        }

        @Override
        public void withdraw(String key) {
            shown.add("withdraw " + key);
        }
    };

    private void start() {
        new AttentionNotifier(approvals, sessions, sink, target -> lookingAt.test(target), () -> settings,
                (delay, task) -> planned.add(task), JSON);
    }

    private void runPlanned() {
        List<Runnable> now = List.copyOf(planned);
        planned.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void anApprovalIsShownOnce_andWithdrawnWhenItLeavesTheQueue() {
        start();
        approvals.replacePending(List.of(pending("a")));
        runPlanned();
        approvals.replacePending(List.of(pending("a")));
        runPlanned();
        approvals.changed(List.of(closed(pending("a"))));

        assertThat(shown).containsExactly("approval:a | Bash waits for approval | APPROVAL", "withdraw approval:a");
    }

    @Test
    void manyAtOnce_areOneSummary() {
        start();
        approvals.changed(List.of(pending("a"), pending("b"), pending("c")));
        sessions.replaceAll(List.of(session("s1", SessionStatus.IDLE, false)));
        sessions.upsert(List.of(session("s1", SessionStatus.WAITING_INPUT, true)));
        runPlanned();

        assertThat(shown).containsExactly("summary | 3 approvals wait, 1 session needs you | APPROVALS");
    }

    @Test
    void noticesEachWithinTheGatherOfTheLast_areOneSummary_evenWhenTheyTakeLongerAltogether() {
        start();
        approvals.changed(List.of(pending("a")));
        approvals.changed(List.of(pending("b")));
        // a's gather ends with b come since: nothing yet.
        planned.remove(0).run();
        approvals.changed(List.of(pending("c")));
        runPlanned();

        assertThat(shown).containsExactly("summary | 3 approvals wait | APPROVALS");
    }

    @Test
    void nothingForWhatThePersonLooksAt_orForAKindTurnedOff() {
        lookingAt = target -> target.kind() == Notice.Target.Kind.APPROVAL;
        start();
        approvals.changed(List.of(pending("a")));
        settings = Settings.DEFAULTS.withNotifications(true, false);
        sessions.replaceAll(List.of(session("s1", SessionStatus.IDLE, false)));
        sessions.upsert(List.of(session("s1", SessionStatus.WAITING_INPUT, true)));
        runPlanned();
        assertThat(shown).isEmpty();

        settings = Settings.DEFAULTS;
        sessions.upsert(List.of(session("s1", SessionStatus.ERROR, true)));
        runPlanned();
        assertThat(shown).containsExactly("session:s1 | s1 needs you: error | SESSION");
    }

    private static ApprovalRow pending(String id) {
        return new ApprovalRow(id, "s-" + id, "host-1", "Bash", JSON.createObjectNode().put("command", "make " + id),
                "/work", ApprovalStatus.PENDING, T0, null, null, null, null);
    }

    private static ApprovalRow closed(ApprovalRow row) {
        return new ApprovalRow(row.approvalId(), row.sessionId(), row.hostId(), row.toolName(), row.toolInput(),
                row.cwd(), ApprovalStatus.TIMED_OUT, row.requestedAt(), null, null, null, null);
    }

    private static SessionRow session(String id, SessionStatus status, boolean attention) {
        return new SessionRow(id, "host-1", id, Provider.CLAUDE, status, attention, null, "/work", null, null, null, T0,
                T0, T0);
    }
}
