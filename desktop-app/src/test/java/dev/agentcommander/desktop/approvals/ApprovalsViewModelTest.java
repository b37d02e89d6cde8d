package dev.agentcommander.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ApprovalsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decisions the view model asked for, answered when the test says. */
    private final List<Consumer<ApprovalsViewModel.Decided>> answers = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final ApprovalsViewModel model = new ApprovalsViewModel(row -> row.sessionId() + " on laptop");

    private void connect(boolean operator) {
        model.connected((id, decision, updatedInput, reason, done) -> {
            asked.add(id + " " + decision + (updatedInput == null ? "" : " " + updatedInput)
                    + (reason == null ? "" : " " + reason));
            answers.add(done);
        }, operator);
    }

    @Test
    void theQueueIsOldestFirst_andADecisionSelectsTheNextOne() {
        connect(true);
        model.replacePending(List.of(pending("b", 2), pending("a", 1), pending("c", 3)));
        assertThat(model.pending()).extracting(ApprovalRow::approvalId).containsExactly("a", "b", "c");
        assertThat(model.selectedProperty().get().approvalId()).isEqualTo("a");

        model.selectedProperty().set(model.pending().get(1));
        model.deny("not now");
        assertThat(model.decidingProperty().get()).isTrue();
        model.allow();
        assertThat(asked).containsExactly("b deny not now");

        answers.get(0).accept(ApprovalsViewModel.Decided.of(decided(pending("b", 2), ApprovalStatus.DENIED, "not now")));
        assertThat(model.pending()).extracting(ApprovalRow::approvalId).containsExactly("a", "c");
        assertThat(model.selectedProperty().get().approvalId()).isEqualTo("c");
        assertThat(model.resultProperty().get().text()).isEqualTo("Bash in s-b on laptop: Denied by ann@example.com: not now");
        assertThat(model.history()).extracting(ApprovalRow::approvalId).containsExactly("b");

        model.changed(List.of(decided(pending("b", 2), ApprovalStatus.DENIED, "not now")));
        assertThat(model.history()).hasSize(1);
    }

    @Test
    void anApprovalThatClosesElsewhere_leavesTheQueueSayingHow() {
        connect(true);
        model.replacePending(List.of(pending("a", 1)));
        model.changed(List.of(pending("d", 4)));

        model.changed(List.of(closed(pending("a", 1), ApprovalStatus.TIMED_OUT)));

        assertThat(model.pending()).extracting(ApprovalRow::approvalId).containsExactly("d");
        assertThat(model.selectedProperty().get().approvalId()).isEqualTo("d");
        assertThat(model.resultProperty().get().text()).isEqualTo("Bash in s-a on laptop: Timed out: the agent stopped waiting");
        model.changed(List.of(decided(pending("d", 4), ApprovalStatus.ALLOWED, null)));
        assertThat(model.resultProperty().get().text())
                .isEqualTo("Bash in s-d on laptop: Allowed by ann@example.com (decided elsewhere)");
        assertThat(model.selectedProperty().get()).isNull();
    }

    @Test
    void aRefusedDecision_keepsTheApprovalAndSaysWhy_andViewersCannotDecide() {
        connect(true);
        model.replacePending(List.of(pending("a", 1)));
        JsonNode edited = JSON.createObjectNode().put("command", "ls");
        model.allowEdited(edited);
        answers.get(0).accept(ApprovalsViewModel.Decided.failed("Conflict: already decided"));
        assertThat(asked).containsExactly("a allow {\"command\":\"ls\"}");
        assertThat(model.pending()).hasSize(1);
        assertThat(model.resultProperty().get().ok()).isFalse();
        assertThat(model.resultProperty().get().text()).isEqualTo("Bash was not decided: Conflict: already decided");

        connect(false);
        model.allow();
        assertThat(asked).hasSize(1);
        assertThat(model.resultProperty().get().text()).startsWith("Viewers cannot decide approvals");
    }

    @Test
    void theHistoryIsNewestFirst_andBounded() {
        List<ApprovalRow> decided = new ArrayList<>();
        for (int i = 0; i < ApprovalsViewModel.HISTORY_LIMIT + 5; i++) {
            decided.add(decided(pending("h" + i, i), ApprovalStatus.ALLOWED, null));
        }
        model.historyLoaded(decided);
        assertThat(model.history()).hasSize(ApprovalsViewModel.HISTORY_LIMIT);
        assertThat(model.history().get(0).approvalId()).isEqualTo("h" + (ApprovalsViewModel.HISTORY_LIMIT + 4));
    }

    @Test
    void theSelectedApprovalsPlace_followsItsSessionsRename() {
        SessionsViewModel sessions = new SessionsViewModel(T0);
        sessions.upsert(List.of(session("bash", 1)));
        ApprovalsViewModel named = new ApprovalsViewModel(row -> SessionsViewModel.displayName(
                sessions.item(row.sessionId()).row()) + " on vm", sessions.allItems(), sessions.hostNames());
        named.replacePending(List.of(pending("a", 1)));
        assertThat(named.selectedPlace().get()).isEqualTo("bash on vm  ·  /work");

        sessions.upsert(List.of(session("api", 2)));
        assertThat(named.selectedPlace().get()).isEqualTo("api on vm  ·  /work");
        named.selectedProperty().set(null);
        assertThat(named.selectedPlace().get()).isEmpty();
    }

    private static SessionRow session(String name, int second) {
        return new SessionRow("s-a", "host-1", name, Provider.SHELL, SessionStatus.WAITING_APPROVAL, true,
                null, "/work", null, null, null, T0, T0, T0.plusSeconds(second));
    }

    private static ApprovalRow pending(String id, int second) {
        return new ApprovalRow(id, "s-" + id, "host-1", "Bash", JSON.createObjectNode().put("command", "make " + id),
                "/work", ApprovalStatus.PENDING, T0.plusSeconds(second), null, null, null, null);
    }

    private static ApprovalRow decided(ApprovalRow row, ApprovalStatus status, String reason) {
        return new ApprovalRow(row.approvalId(), row.sessionId(), row.hostId(), row.toolName(), row.toolInput(),
                row.cwd(), status, row.requestedAt(), "ann@example.com", row.requestedAt().plusSeconds(60), reason, null);
    }

    private static ApprovalRow closed(ApprovalRow row, ApprovalStatus status) {
        return new ApprovalRow(row.approvalId(), row.sessionId(), row.hostId(), row.toolName(), row.toolInput(),
                row.cwd(), status, row.requestedAt(), null, null, null, null);
    }
}
