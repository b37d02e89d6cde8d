package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers the last row sent per session and works out which rows to send after a poll: new and changed sessions
 * (all of them on the first poll), and a {@code gone} row, once, for each session whose pane vanished. A change of
 * {@code last_activity_at} alone is sent at most every {@link #ACTIVITY_INTERVAL}, so a busy pane does not cause an
 * upsert every poll.
 *
 * <p>Status comes from the most precise signal there is: an approval still pending (always {@code waiting_approval}),
 * else a Claude Code hook, else the agent's screen (Claude Code and Codex panes), else the pane's process.
 * {@code waiting_approval} and {@code waiting_input} go out at once; a change to {@code idle} from the screen or the
 * process is held until the idle signal has lasted
 * {@link #IDLE_DEBOUNCE}, so a pause between two steps (or a dialog just answered) does not flicker. A hook that
 * said "running" is overruled by a screen that has shown the idle prompt for {@link #STALE_HOOK_AFTER} since:
 * Claude Code sends no hook when the person interrupts a turn with Esc. Confined to the discovery thread.
 */
final class SessionTracker {
    static final Duration ACTIVITY_INTERVAL = Duration.ofSeconds(10);
    static final Duration IDLE_DEBOUNCE = Duration.ofSeconds(2);
    static final Duration STALE_HOOK_AFTER = Duration.ofSeconds(3);
    /** Statuses that become idle only once the idle signal has lasted {@link #IDLE_DEBOUNCE}. */
    private static final Set<SessionStatus> SETTLES_TO_IDLE = EnumSet.of(SessionStatus.RUNNING,
            SessionStatus.WAITING_APPROVAL, SessionStatus.WAITING_INPUT);

    /** What was last sent for a session, and since when its screen or process signal holds. */
    record Tracked(SessionRow sent, String signal, Instant signalSince, Instant sentAt) {
    }

    /** The outcome of one poll; {@link #commit} it once the rows are stored. */
    record Diff(List<SessionRow> rows, Map<String, Tracked> next, Set<String> goneIds) {
        /** The last sent row of every live session. */
        List<SessionRow> liveRows() {
            return next.values().stream().map(Tracked::sent).toList();
        }
    }

    /** What the screen or, without one, the process says; {@code signal} is the reason without its time. */
    private record Observed(Provider provider, SessionStatus status, boolean needsAttention, boolean fromScreen,
                            String signal) {
        static Observed of(Pane pane, String screen) {
            ProcessSignal process = ProcessSignal.of(pane);
            Optional<ScreenSignal> seen = pane.dead() || screen == null
                    ? Optional.empty() : ScreenSignal.read(process.provider(), screen);
            return seen.map(signal -> new Observed(process.provider(), signal.status(), signal.needsAttention(), true,
                            "screen: " + signal.evidence()))
                    .orElseGet(() -> new Observed(process.provider(), process.status(), false, false,
                            "process: " + process.signal()));
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

    /** Panes whose screen {@link #diff} can use: live Claude Code and Codex panes. */
    static boolean readsScreen(Pane pane) {
        Provider provider = ProcessSignal.provider(pane.providerCommand());
        return !pane.dead() && (provider == Provider.CLAUDE || provider == Provider.CODEX);
    }

    Diff diff(List<Pane> panes, Instant now) {
        return diff(panes, Map.of(), now);
    }

    /** {@code screens}: the visible screen by pane id, for the panes that have one. */
    Diff diff(List<Pane> panes, Map<String, String> screens, Instant now) {
        List<SessionRow> rows = new ArrayList<>();
        Map<String, Tracked> next = new LinkedHashMap<>();
        for (Pane pane : panes) {
            Tracked previous = state.get(pane.sessionId());
            Observed observed = Observed.of(pane, screens.get(pane.paneId()));
            Instant since = previous != null && observed.signal().equals(previous.signal())
                    ? previous.signalSince() : now;
            Optional<HookSignal> hook = hookSignal(pane, observed, since, now);
            SessionRow row = hook.map(signal -> fromHook(pane, signal))
                    .orElseGet(() -> fromObserved(pane, observed, since));
            boolean settling = hook.isEmpty() && previous != null && !first
                    && SETTLES_TO_IDLE.contains(previous.sent().status()) && row.status() == SessionStatus.IDLE
                    && now.isBefore(since.plus(IDLE_DEBOUNCE));
            if (!settling && (first || previous == null || mustSend(previous, row, now))) {
                rows.add(row);
                next.put(pane.sessionId(), new Tracked(row, observed.signal(), since, now));
            } else {
                next.put(pane.sessionId(), new Tracked(previous.sent(), observed.signal(), since, previous.sentAt()));
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

    private SessionRow fromObserved(Pane pane, Observed observed, Instant since) {
        return row(pane, observed.provider(), observed.status(), observed.needsAttention(),
                observed.signal() + " at " + since);
    }

    private SessionRow fromHook(Pane pane, HookSignal hook) {
        return row(pane, Provider.CLAUDE, hook.status(), hook.needsAttention(), hook.reason());
    }

    private SessionRow row(Pane pane, Provider provider, SessionStatus status, boolean needsAttention, String reason) {
        return new SessionRow(pane.sessionId(), null, pane.name(), provider, status, needsAttention,
                tmuxRef(pane), pane.currentPath(),
                git.lookup(pane.currentPath(), pane.windowActivity()), pane.paneTitle(), reason,
                pane.windowActivity(), null, null);
    }

    private static TmuxRef tmuxRef(Pane pane) {
        return pane.cols() > 0 && pane.rows() > 0
                ? new TmuxRef(pane.paneId(), pane.sessionName(), pane.windowIndex(), pane.cols(), pane.rows())
                : new TmuxRef(pane.paneId(), pane.sessionName(), pane.windowIndex());
    }

    /**
     * The hook signal that decides, if any: an approval agentd waits for decides whatever the pane shows (the
     * foreground may well be a shell); else hooks are the most precise signal while Claude still runs in the pane;
     * once the pane is dead or back at a shell the hook signal is forgotten, and a "running" hook that the screen
     * has contradicted for {@link #STALE_HOOK_AFTER} (an interrupted turn) no longer decides.
     */
    private Optional<HookSignal> hookSignal(Pane pane, Observed observed, Instant since, Instant now) {
        Optional<HookSignal> approval = hooks.pendingApproval(pane.sessionId());
        if (approval.isPresent()) {
            return approval;
        }
        if (pane.dead() || observed.provider() == Provider.SHELL) {
            hooks.forget(pane.sessionId());
            return Optional.empty();
        }
        return hooks.get(pane.sessionId()).filter(hook -> !(hook.status() == SessionStatus.RUNNING
                && observed.fromScreen() && observed.status() == SessionStatus.IDLE && since.isAfter(hook.at())
                && !now.isBefore(since.plus(STALE_HOOK_AFTER))));
    }

    private static SessionRow gone(SessionRow last, Instant now) {
        String pane = last.tmux() == null ? "pane" : "pane " + last.tmux().paneId();
        return new SessionRow(last.sessionId(), last.hostId(), last.name(), last.provider(), SessionStatus.GONE,
                false, last.tmux(), last.cwd(), last.git(), last.title(), "tmux: " + pane + " no longer exists at "
                + now, last.lastActivityAt(), null, null);
    }
}
