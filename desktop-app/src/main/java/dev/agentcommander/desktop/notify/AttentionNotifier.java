package dev.agentcommander.desktop.notify;

import dev.agentcommander.desktop.approvals.ApprovalInput;
import dev.agentcommander.desktop.approvals.ApprovalsViewModel;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.settings.Settings;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;

/**
 * Decides what deserves a desktop notification: an approval that arrives, and a session that starts needing
 * attention (one notice per item and change). Nothing for what the person is looking at, nothing for a kind turned
 * off in the settings; notices that arrive together — each within {@link #GATHER} of the one before, for at most
 * {@link #GATHER_AT_MOST} — are shown one by one up to {@link #SUMMARY_FROM} − 1, else as one summary. An approval
 * that leaves the queue withdraws its notice. UI thread.
 */
public final class AttentionNotifier {
    static final Duration GATHER = Duration.ofMillis(500);
    /** A burst that goes on and on is still told about now and then. */
    static final Duration GATHER_AT_MOST = Duration.ofSeconds(5);
    static final int SUMMARY_FROM = 3;
    /** How many of the gathered notices a summary names, one a line. */
    private static final int SUMMARY_LINES = 5;

    private final ApprovalsViewModel approvals;
    private final NoticeSink sink;
    private final Predicate<Notice.Target> lookingAt;
    private final Supplier<Settings> settings;
    private final BiConsumer<Duration, Runnable> later;
    private final ObjectMapper mapper;
    private final Set<String> approvalsSeen = new HashSet<>();
    private final Map<SessionItem, ChangeListener<SessionRow>> watched = new HashMap<>();
    private final List<Notice> gathered = new ArrayList<>();
    /** Counts offers and batches, so that a planned flush knows whether a later offer or flush overtook it. */
    private long offers;
    private long batches;

    /**
     * {@code lookingAt} says whether the person sees a target now; {@code later} runs a task on the UI thread after
     * a delay.
     */
    public AttentionNotifier(ApprovalsViewModel approvals, SessionsViewModel sessions, NoticeSink sink,
                             Predicate<Notice.Target> lookingAt, Supplier<Settings> settings,
                             BiConsumer<Duration, Runnable> later, ObjectMapper mapper) {
        this.approvals = approvals;
        this.sink = sink;
        this.lookingAt = lookingAt;
        this.settings = settings;
        this.later = later;
        this.mapper = mapper;
        approvals.pending().addListener((ListChangeListener<ApprovalRow>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::approvalLeft);
                change.getAddedSubList().forEach(this::approvalArrived);
            }
        });
        sessions.allItems().addListener((ListChangeListener<SessionItem>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::unwatch);
                change.getAddedSubList().forEach(this::watch);
            }
        });
        approvals.pending().forEach(this::approvalArrived);
        sessions.allItems().forEach(this::watch);
    }

    private void approvalArrived(ApprovalRow row) {
        if (!approvalsSeen.add(row.approvalId()) || !settings.get().approvalsOn()) {
            return;
        }
        String input = ApprovalInput.of(row.toolName(), row.toolInput(), mapper).summary();
        offer(new Notice(approvalKey(row.approvalId()), row.toolName() + " waits for approval",
                input + "\n" + approvals.where(row), row.toolName() + ": " + input,
                Notice.Target.approval(row.approvalId())));
    }

    private void approvalLeft(ApprovalRow row) {
        boolean stillPending = approvals.pending().stream().anyMatch(p -> p.approvalId().equals(row.approvalId()));
        if (!stillPending) {
            gathered.removeIf(notice -> notice.key().equals(approvalKey(row.approvalId())));
            sink.withdraw(approvalKey(row.approvalId()));
        }
    }

    private void watch(SessionItem item) {
        ChangeListener<SessionRow> listener = (observable, before, row) -> sessionChanged(item, before, row);
        watched.put(item, listener);
        item.rowProperty().addListener(listener);
    }

    private void unwatch(SessionItem item) {
        ChangeListener<SessionRow> listener = watched.remove(item);
        if (listener != null) {
            item.rowProperty().removeListener(listener);
        }
    }

    private void sessionChanged(SessionItem item, SessionRow before, SessionRow row) {
        boolean rises = row.needsAttention() && row.status() != SessionStatus.GONE
                && (before == null || !before.needsAttention() || before.status() != row.status());
        String key = "session:" + item.sessionId();
        if (!row.needsAttention()) {
            sink.withdraw(key);
            return;
        }
        // A pending approval brings its own notice.
        if (!rises || !settings.get().attentionOn() || row.status() == SessionStatus.WAITING_APPROVAL) {
            return;
        }
        String reason = row.statusReason() == null ? "" : row.statusReason();
        String summary = SessionsViewModel.displayName(row) + " needs you: "
                + row.status().toString().replace('_', ' ');
        offer(new Notice(key, summary, reason, summary, Notice.Target.session(item.sessionId())));
    }

    private void offer(Notice notice) {
        if (lookingAt.test(notice.target())) {
            return;
        }
        gathered.removeIf(held -> held.key().equals(notice.key()));
        gathered.add(notice);
        long offer = ++offers;
        later.accept(GATHER, () -> {
            if (offers == offer) {
                flush();
            }
        });
        if (gathered.size() == 1) {
            long batch = batches;
            later.accept(GATHER_AT_MOST, () -> {
                if (batches == batch) {
                    flush();
                }
            });
        }
    }

    private void flush() {
        // The batch's other planned flushes come to nothing.
        offers++;
        batches++;
        List<Notice> notices = List.copyOf(gathered);
        gathered.clear();
        if (notices.size() < SUMMARY_FROM) {
            notices.forEach(sink::show);
            return;
        }
        long approvalCount = notices.stream().filter(n -> n.target().kind() == Notice.Target.Kind.APPROVAL).count();
        long sessionCount = notices.size() - approvalCount;
        List<String> parts = new ArrayList<>();
        if (approvalCount > 0) {
            parts.add(approvalCount + (approvalCount == 1 ? " approval waits" : " approvals wait"));
        }
        if (sessionCount > 0) {
            parts.add(sessionCount + (sessionCount == 1 ? " session needs you" : " sessions need you"));
        }
        List<String> lines = new ArrayList<>(notices.stream().limit(SUMMARY_LINES).map(Notice::line).toList());
        if (notices.size() > SUMMARY_LINES) {
            lines.add("… and " + (notices.size() - SUMMARY_LINES) + " more");
        }
        String summary = String.join(", ", parts);
        sink.show(new Notice("summary", summary, String.join("\n", lines), summary,
                approvalCount > 0 ? Notice.Target.approvals() : Notice.Target.sessions()));
    }

    private static String approvalKey(String approvalId) {
        return "approval:" + approvalId;
    }
}
