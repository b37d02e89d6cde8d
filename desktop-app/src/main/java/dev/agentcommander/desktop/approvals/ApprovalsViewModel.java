package dev.agentcommander.desktop.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The approvals screen without controls: the pending queue (oldest first), the selected approval, the decided
 * history (newest first), and deciding the selected one. After a decision the next approval is selected; an
 * approval that leaves the queue without a decision made here says how it ended. Owned by the UI thread.
 */
public final class ApprovalsViewModel {
    static final int HISTORY_LIMIT = 1000;
    private static final Comparator<ApprovalRow> OLDEST_FIRST = Comparator
            .comparing(ApprovalRow::requestedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ApprovalRow::approvalId);
    private static final Comparator<ApprovalRow> NEWEST_FIRST = Comparator
            .comparing(ApprovalsViewModel::closedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ApprovalRow::approvalId);

    /** Sends a decision off the UI thread and hands its outcome back on it. */
    public interface Decider {
        void decide(String approvalId, String decision, JsonNode updatedInput, String reason, Consumer<Decided> done);
    }

    /** The decided row, or why the control plane refused the decision. */
    public record Decided(ApprovalRow row, String error) {
        public static Decided of(ApprovalRow row) {
            return new Decided(row, null);
        }

        public static Decided failed(String error) {
            return new Decided(null, error);
        }
    }

    private final ObservableList<ApprovalRow> pending = FXCollections.observableArrayList();
    private final ObservableList<ApprovalRow> history = FXCollections.observableArrayList();
    // One read-only view each: a listener on a view lives only as long as the view does.
    private final ObservableList<ApprovalRow> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final ObservableList<ApprovalRow> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObjectProperty<ApprovalRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ActionResult> result = new SimpleObjectProperty<>(this, "result");
    private final BooleanProperty deciding = new SimpleBooleanProperty(this, "deciding", false);
    private final BooleanProperty canDecide = new SimpleBooleanProperty(this, "canDecide", false);
    private final IntegerBinding pendingCount = Bindings.size(pending);
    private final Set<String> decidedHere = new HashSet<>();
    private final Function<ApprovalRow, String> where;
    private final StringBinding selectedPlace;
    private Decider decider;

    /**
     * {@code where} names an approval's session and host for a person ("api on laptop"); {@code whereDependsOn}
     * change when its answer may (sessions renamed, hosts renamed), so the selected approval's place follows them.
     */
    public ApprovalsViewModel(Function<ApprovalRow, String> where, Observable... whereDependsOn) {
        this.where = where;
        Observable[] dependencies = Arrays.copyOf(whereDependsOn, whereDependsOn.length + 1);
        dependencies[whereDependsOn.length] = selected;
        selectedPlace = Bindings.createStringBinding(() -> {
            ApprovalRow row = selected.get();
            return row == null ? "" : where(row) + "  ·  " + (row.cwd() == null ? "" : row.cwd());
        }, dependencies);
    }

    /** A (new) connection: decisions go through {@code decider}; viewers ({@code allowed} false) cannot decide. */
    public void connected(Decider newDecider, boolean allowed) {
        this.decider = newDecider;
        canDecide.set(allowed);
    }

    /** The complete pending queue, as the topic's first message after each (re)subscribe has it. */
    public void replacePending(List<ApprovalRow> rows) {
        ApprovalRow before = selected.get();
        pending.setAll(rows.stream().filter(row -> row.status() == ApprovalStatus.PENDING).sorted(OLDEST_FIRST).toList());
        reselect(before == null ? null : before.approvalId(), 0);
    }

    /** Rows that were created or changed: pending ones join the queue, final ones leave it for the history. */
    public void changed(List<ApprovalRow> rows) {
        for (ApprovalRow row : rows) {
            if (row.status() == ApprovalStatus.PENDING) {
                upsertPending(row);
            } else {
                closed(row);
            }
        }
    }

    /** Decided approvals loaded from REST, merged with what the topic already brought. */
    public void historyLoaded(List<ApprovalRow> rows) {
        rows.stream().filter(row -> row.status() != ApprovalStatus.PENDING).forEach(this::addToHistory);
    }

    public void allow() {
        decide("allow", null, null);
    }

    public void allowEdited(JsonNode updatedInput) {
        decide("allow", Objects.requireNonNull(updatedInput, "updatedInput"), null);
    }

    public void deny(String message) {
        decide("deny", null, message);
    }

    public ObservableList<ApprovalRow> pending() {
        return pendingView;
    }

    public ObservableList<ApprovalRow> history() {
        return historyView;
    }

    public ObjectProperty<ApprovalRow> selectedProperty() {
        return selected;
    }

    /** What the last decision, or an approval leaving the queue by itself, came to. */
    public ObjectProperty<ActionResult> resultProperty() {
        return result;
    }

    public BooleanProperty decidingProperty() {
        return deciding;
    }

    public BooleanProperty canDecideProperty() {
        return canDecide;
    }

    public IntegerBinding pendingCount() {
        return pendingCount;
    }

    /** "api on laptop  ·  /home/ann/api": where the selected approval runs, as the sessions table names it now. */
    public StringBinding selectedPlace() {
        return selectedPlace;
    }

    public String where(ApprovalRow row) {
        return where.apply(row);
    }

    private void decide(String decision, JsonNode updatedInput, String message) {
        ApprovalRow row = selected.get();
        if (row == null || deciding.get()) {
            return;
        }
        if (!canDecide.get() || decider == null) {
            result.set(ActionResult.failed("Viewers cannot decide approvals: ask an operator or admin"));
            return;
        }
        String id = row.approvalId();
        decidedHere.add(id);
        deciding.set(true);
        decider.decide(id, decision, updatedInput, message, decided -> {
            deciding.set(false);
            if (decided.error() != null) {
                decidedHere.remove(id);
                result.set(ActionResult.failed(row.toolName() + " was not decided: " + decided.error()));
                return;
            }
            changed(List.of(decided.row()));
            result.set(ActionResult.ok(decided.row().toolName() + " in " + where(decided.row()) + ": "
                    + ApprovalText.outcome(decided.row())));
        });
    }

    private void upsertPending(ApprovalRow row) {
        int index = indexOf(pending, row.approvalId());
        if (index >= 0) {
            pending.set(index, row);
            if (selected.get() != null && selected.get().approvalId().equals(row.approvalId())) {
                selected.set(row);
            }
            return;
        }
        int at = 0;
        while (at < pending.size() && OLDEST_FIRST.compare(pending.get(at), row) < 0) {
            at++;
        }
        pending.add(at, row);
        if (selected.get() == null) {
            selected.set(row);
        }
    }

    private void closed(ApprovalRow row) {
        int index = indexOf(pending, row.approvalId());
        addToHistory(row);
        if (index < 0) {
            return;
        }
        boolean wasSelected = selected.get() != null && selected.get().approvalId().equals(row.approvalId());
        pending.remove(index);
        if (wasSelected) {
            reselect(null, index);
        }
        if (!decidedHere.remove(row.approvalId())) {
            result.set(ActionResult.ok(ApprovalText.closedElsewhere(row, where(row))));
        }
    }

    /** Keeps {@code keepId} selected if it is still pending, else selects the item now at {@code index}. */
    private void reselect(String keepId, int index) {
        int kept = keepId == null ? -1 : indexOf(pending, keepId);
        if (kept >= 0) {
            selected.set(pending.get(kept));
        } else if (pending.isEmpty()) {
            selected.set(null);
        } else {
            selected.set(pending.get(Math.min(index, pending.size() - 1)));
        }
    }

    private void addToHistory(ApprovalRow row) {
        int existing = indexOf(history, row.approvalId());
        if (existing >= 0) {
            history.remove(existing);
        }
        int at = 0;
        while (at < history.size() && NEWEST_FIRST.compare(history.get(at), row) < 0) {
            at++;
        }
        history.add(at, row);
        if (history.size() > HISTORY_LIMIT) {
            history.remove(HISTORY_LIMIT, history.size());
        }
    }

    private static int indexOf(List<ApprovalRow> rows, String approvalId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).approvalId().equals(approvalId)) {
                return i;
            }
        }
        return -1;
    }

    private static Instant closedAt(ApprovalRow row) {
        return row.decidedAt() != null ? row.decidedAt() : row.requestedAt();
    }
}
