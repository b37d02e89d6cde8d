package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers the last row sent per session and works out which rows to send after a poll: new and changed sessions
 * (all of them on the first poll), and a {@code gone} row, once, for each session whose pane vanished. A change of
 * {@code last_activity_at} alone is sent at most every {@link #ACTIVITY_INTERVAL}, so a busy pane does not cause an
 * upsert every poll. Confined to the discovery thread.
 */
final class SessionTracker {
    static final Duration ACTIVITY_INTERVAL = Duration.ofSeconds(10);

    /** What was last sent for a session, and since when its process signal holds. */
    record Tracked(SessionRow sent, String signal, Instant signalSince, Instant sentAt) {
    }

    /** The outcome of one poll; {@link #commit} it once the rows are stored. */
    record Diff(List<SessionRow> rows, Map<String, Tracked> next, Set<String> goneIds) {
        /** The last sent row of every live session. */
        List<SessionRow> liveRows() {
            return next.values().stream().map(Tracked::sent).toList();
        }
    }

    private final HookSignals hooks;
    private final GitLookup git;
    private Map<String, Tracked> state = new LinkedHashMap<>();
    private boolean first = true;

    SessionTracker(Collection<SessionRow> previouslyReported) {
        this(previouslyReported, new HookSignals());
    }

    /** Starts from the rows a previous run reported (so sessions that vanished meanwhile are reported gone). */
    SessionTracker(Collection<SessionRow> previouslyReported, HookSignals hooks) {
        this(previouslyReported, hooks, GitLookup.NONE);
    }

    /** {@code git}: the rows' git state, as far as it is known without waiting. */
    SessionTracker(Collection<SessionRow> previouslyReported, HookSignals hooks, GitLookup git) {
        this.hooks = hooks;
        this.git = git;
        for (SessionRow row : previouslyReported) {
            state.put(row.sessionId(), new Tracked(row, null, null, Instant.EPOCH));
        }
    }

    Diff diff(List<Pane> panes, Instant now) {
        List<SessionRow> rows = new ArrayList<>();
        Map<String, Tracked> next = new LinkedHashMap<>();
        for (Pane pane : panes) {
            Tracked previous = state.get(pane.sessionId());
            ProcessSignal process = ProcessSignal.of(pane);
            Instant since = previous != null && process.signal().equals(previous.signal())
                    ? previous.signalSince() : now;
            SessionRow row = withHook(row(pane, process, since), pane, process);
            if (first || previous == null || mustSend(previous, row, now)) {
                rows.add(row);
                next.put(pane.sessionId(), new Tracked(row, process.signal(), since, now));
            } else {
                next.put(pane.sessionId(), new Tracked(previous.sent(), process.signal(), since, previous.sentAt()));
            }
        }
        Set<String> gone = new HashSet<>();
        for (Map.Entry<String, Tracked> entry : state.entrySet()) {
            if (!next.containsKey(entry.getKey())) {
                gone.add(entry.getKey());
                SessionRow last = entry.getValue().sent();
                if (last.status() != SessionStatus.GONE) {
                    rows.add(gone(last, now));
                }
            }
        }
        return new Diff(List.copyOf(rows), next, Set.copyOf(gone));
    }

    void commit(Diff diff) {
        state = new HashMap<>(diff.next());
        first = false;
    }

    private static boolean mustSend(Tracked previous, SessionRow row, Instant now) {
        SessionRow sent = previous.sent();
        if (!sameExceptActivity(sent, row)) {
            return true;
        }
        return !Objects.equals(sent.lastActivityAt(), row.lastActivityAt())
                && !now.isBefore(previous.sentAt().plus(ACTIVITY_INTERVAL));
    }

    private static boolean sameExceptActivity(SessionRow a, SessionRow b) {
        return Objects.equals(a, new SessionRow(b.sessionId(), b.hostId(), b.name(), b.provider(), b.status(),
                b.needsAttention(), b.tmux(), b.cwd(), b.git(), b.title(), b.statusReason(), a.lastActivityAt(),
                b.createdAt(), b.updatedAt()));
    }

    private SessionRow row(Pane pane, ProcessSignal process, Instant since) {
        return new SessionRow(pane.sessionId(), null, pane.name(), process.provider(), process.status(), false,
                new TmuxRef(pane.paneId(), pane.sessionName(), pane.windowIndex()), pane.currentPath(),
                git.lookup(pane.currentPath(), pane.windowActivity()),
                pane.paneTitle(), "process: " + process.signal() + " at " + since, pane.windowActivity(), null, null);
    }

    /**
     * Hooks are the most precise signal, so the last one decides while Claude still runs in the pane; once the pane
     * is dead or back at a shell, the process signal decides again and the hook signal is forgotten.
     */
    private SessionRow withHook(SessionRow row, Pane pane, ProcessSignal process) {
        if (pane.dead() || process.provider() == Provider.SHELL) {
            hooks.forget(pane.sessionId());
            return row;
        }
        return hooks.get(pane.sessionId()).map(hook -> new SessionRow(row.sessionId(), row.hostId(), row.name(),
                Provider.CLAUDE, hook.status(), hook.needsAttention(), row.tmux(), row.cwd(), row.git(), row.title(),
                hook.reason(), row.lastActivityAt(), row.createdAt(), row.updatedAt())).orElse(row);
    }

    private static SessionRow gone(SessionRow last, Instant now) {
        String pane = last.tmux() == null ? "pane" : "pane " + last.tmux().paneId();
        return new SessionRow(last.sessionId(), last.hostId(), last.name(), last.provider(), SessionStatus.GONE,
                false, last.tmux(), last.cwd(), last.git(), last.title(), "tmux: " + pane + " no longer exists at "
                + now, last.lastActivityAt(), null, null);
    }
}
