package dev.agentcommander.agentd.discovery;

import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.SessionRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls tmux for panes, gives every pane a stable session id (tagged on the pane as {@code @ac_session_id}, so it
 * survives agentd restarts), and queues {@code sessions.upsert} with the rows that changed. Polls never overlap:
 * they run on the single thread "agentd-discovery", which owns all state here. The screens of agent panes feed the
 * status too (see SessionTracker). A failing tmux or outbox is logged
 * (rate-limited) and retried at the next poll.
 */
public final class SessionDiscovery implements AutoCloseable {
    /** Rows per {@code sessions.upsert}, keeping each frame far below the 16 MiB limit. */
    static final int ROWS_PER_MESSAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(SessionDiscovery.class);

    private final TmuxRunner tmux;
    private final PaneLister lister;
    private final PaneScreens screens;
    private final DurableQueue queue;
    private final KnownSessions known;
    private final Duration interval;
    private final Clock clock;
    private final HookSignals hooks;
    private volatile GitLookup git = GitLookup.NONE;
    private final ScheduledExecutorService thread;
    private final LogThrottle tmuxWarnings = new LogThrottle(LOG, Duration.ofMinutes(1));
    private final LogThrottle queueWarnings = new LogThrottle(LOG, Duration.ofMinutes(1));
    /** Sessions whose row this run has queued, so their events may follow; read by hook threads. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private SessionTracker tracker;
    private Boolean serverSeen;

    public SessionDiscovery(TmuxRunner tmux, DurableQueue queue, Path stateDir, WireCodec codec, Duration interval) {
        this(tmux, queue, stateDir, codec, interval, Clock.systemUTC());
    }

    public SessionDiscovery(TmuxRunner tmux, DurableQueue queue, Path stateDir, WireCodec codec, Duration interval,
                            Clock clock) {
        this(tmux, queue, stateDir, codec, interval, clock, new HookSignals());
    }

    /** {@code hooks}: status signals from Claude Code hooks, which win over the process signal (see SessionTracker). */
    public SessionDiscovery(TmuxRunner tmux, DurableQueue queue, Path stateDir, WireCodec codec, Duration interval,
                            Clock clock, HookSignals hooks) {
        this.hooks = hooks;
        this.tmux = tmux;
        this.lister = new PaneLister(tmux);
        this.screens = new PaneScreens(tmux);
        this.queue = queue;
        this.known = new KnownSessions(stateDir, codec.mapper());
        this.interval = interval;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread polling = new Thread(runnable, "agentd-discovery");
            polling.setDaemon(true);
            return polling;
        });
    }

    /** Before {@link #start}: where session rows get their git state from (none by default). */
    public void useGit(GitLookup lookup) {
        this.git = lookup;
    }

    /** Starts polling now and then every interval after the previous poll ended. */
    public void start() {
        thread.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls again soon (after a command changed a pane), on the discovery thread, so polls still never overlap. */
    public void requestPoll() {
        try {
            thread.execute(this::pollSafely);
        } catch (RejectedExecutionException e) {
            LOG.debug("discovery closed; no extra poll", e);
        }
    }

    /**
     * Whether this run has queued a row of {@code sessionId}: the control plane stores a session's events only once it
     * has its row, so nothing may queue an event before this is true. Thread-safe.
     */
    public boolean announced(String sessionId) {
        return announced.contains(sessionId);
    }

    /**
     * Tags {@code paneId} with a session id unless it has one, on the discovery thread (so it never races the
     * poll's own tagging), then polls so its row goes out at once. Completes after that poll, so once it has
     * completed the pane's row is queued ({@link #announced}) unless the poll failed.
     *
     * @return the pane with its session id; fails with {@link TmuxException} or {@link UnknownPaneException}
     */
    public CompletableFuture<Pane> adopt(String paneId) {
        CompletableFuture<Pane> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    Pane pane = lister.list().stream().filter(candidate -> candidate.paneId().equals(paneId))
                            .findFirst().orElseThrow(() -> new UnknownPaneException(paneId));
                    if (!pane.tagged()) {
                        String sessionId = PaneFormat.newSessionId();
                        tmux.run("set-option", "-p", "-t", pane.paneId(), PaneFormat.SESSION_ID_OPTION, sessionId);
                        pane = pane.withSessionId(sessionId);
                    }
                    pollSafely();
                    result.complete(pane);
                } catch (TmuxException | UnknownPaneException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Stops polling; a poll in progress completes (it is bounded by the tmux timeout). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(15, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("session discovery poll failed; retrying at the next poll", e);
        }
    }

    private void poll() {
        List<Pane> panes;
        try {
            panes = tagged(lister.list());
            tmuxWarnings.reset();
            noteServerPresence(!panes.isEmpty());
        } catch (TmuxException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            tmuxWarnings.warn("cannot list tmux panes (check tmux.bin and tmux.socket); retrying every {} ms: {}",
                    interval.toMillis(), e.getMessage());
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (tracker == null) {
            // Made by the first poll, which may be an adopt() before start(): the hook receiver opens first.
            tracker = new SessionTracker(known.load(), hooks, git);
        }
        SessionTracker.Diff diff = tracker.diff(panes,
                screens.screens(panes.stream().filter(SessionTracker::readsScreen).toList(), now), now);
        if (diff.rows().isEmpty()) {
            tracker.commit(diff);
            return;
        }
        try {
            if (!known.containsAll(diff.next().keySet())) {
                // Before queueing: a crash after the upsert must still know these sessions exist.
                List<SessionRow> rows = new ArrayList<>(diff.liveRows());
                diff.rows().stream().filter(row -> diff.goneIds().contains(row.sessionId())).forEach(rows::add);
                known.save(rows);
            }
            queue.appendAll(upserts(diff.rows()));
            diff.rows().forEach(row -> announced.add(row.sessionId()));
            announced.removeAll(diff.goneIds());
            tracker.commit(diff);
            if (!known.sameIds(diff.next().keySet())) {
                known.save(diff.liveRows());
            }
            queueWarnings.reset();
        } catch (OutboxException e) {
            queueWarnings.warn("cannot queue session changes; retrying at the next poll: {}", e.getMessage());
        } catch (IOException e) {
            queueWarnings.warn("cannot record known sessions in the state dir; retrying at the next poll", e);
        }
    }

    /** A tmux server always has a pane, so none means no server: say so once, a wrong socket path looks like this. */
    private void noteServerPresence(boolean present) {
        if (serverSeen == null || serverSeen != present) {
            if (present) {
                LOG.info("tmux server found on {}", socketName());
            } else {
                LOG.info("no tmux server running on {}; waiting for one", socketName());
            }
            serverSeen = present;
        }
    }

    private String socketName() {
        return tmux.config().defaultServer() ? "the default socket" : tmux.config().socket();
    }

    /** Tags panes that have no session id yet (or share one with another pane) with a fresh one. */
    private List<Pane> tagged(List<Pane> panes) {
        List<Pane> result = new ArrayList<>(panes.size());
        Set<String> seen = new HashSet<>();
        for (Pane pane : panes) {
            if (pane.tagged() && seen.add(pane.sessionId())) {
                result.add(pane);
                continue;
            }
            String sessionId = PaneFormat.newSessionId();
            try {
                tmux.run("set-option", "-p", "-t", pane.paneId(), PaneFormat.SESSION_ID_OPTION, sessionId);
                seen.add(sessionId);
                result.add(pane.withSessionId(sessionId));
            } catch (TmuxException e) {
                LOG.debug("cannot tag pane {} (it probably just closed)", pane.paneId(), e);
            }
        }
        return result;
    }

    private static List<SessionsUpsert> upserts(List<SessionRow> rows) {
        List<SessionsUpsert> messages = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_MESSAGE) {
            messages.add(new SessionsUpsert(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_MESSAGE))));
        }
        return messages;
    }
}
