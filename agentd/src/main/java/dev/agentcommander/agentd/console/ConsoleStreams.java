package dev.agentcommander.agentd.console;

import dev.agentcommander.agentd.discovery.UnknownPaneException;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The live consoles: {@code console.subscribe} starts streaming a pane (its first subscription starts a
 * {@code pipe-pane} into a FIFO under {@code <state_dir>/console}), {@code console.unsubscribe} stops it (the last one
 * stops the pipe). Subscriptions belong to a link connection: the control plane asks again after a reconnect, so
 * {@link #closeAll()} runs on every disconnect. Thread-safe; lock order: the stopping lock, this, a
 * {@link PaneConsole}.
 */
public final class ConsoleStreams implements AutoCloseable {
    private final TmuxRunner tmux;
    private final Path fifoDir;
    private final PaneSnapshots snapshots;
    private final ConsoleSink sink;
    private final Clock clock;
    /** Retries snapshots that heal gaps; thread "agentd-console-timer". */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agentd-console-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, PaneConsole> byPane = new HashMap<>();
    private final Map<String, PaneConsole> bySubscription = new HashMap<>();
    /** Held while stopping pipes, so a close that returns has seen every pipe stopped (also a concurrent one's). */
    private final Object stopping = new Object();
    private boolean closed;

    /** {@code fifoDir} holds the FIFOs: {@code <state_dir>/console}. */
    public ConsoleStreams(TmuxRunner tmux, Path fifoDir, ConsoleSink sink) {
        this(tmux, fifoDir, sink, Clock.systemUTC());
    }

    public ConsoleStreams(TmuxRunner tmux, Path fifoDir, ConsoleSink sink, Clock clock) {
        this.tmux = tmux;
        this.fifoDir = fifoDir;
        this.snapshots = new PaneSnapshots(tmux);
        this.sink = sink;
        this.clock = clock;
    }

    /** Stops console pipes and removes FIFOs a previous agentd left behind (it crashed or was killed). */
    public void cleanUpStale() {
        PanePipe.cleanUpStale(tmux, fifoDir);
    }

    /**
     * Sends the pane's snapshot for {@code subscriptionId}, then its output as chunks. The same id again restarts
     * the stream with a fresh snapshot.
     *
     * @throws UnknownPaneException when the pane does not exist (any more)
     * @throws PaneBusyException when the pane has a pipe-pane of someone else
     * @throws TmuxException when tmux fails
     * @throws IOException when the FIFO cannot be made
     */
    public void subscribe(String subscriptionId, String sessionId, String paneId)
            throws TmuxException, UnknownPaneException, PaneBusyException, IOException {
        unsubscribe(subscriptionId);
        PaneConsole toClose = null;
        try {
            synchronized (this) {
                if (closed) {
                    throw new IOException("agentd is stopping");
                }
                PaneSnapshots.PanePlace place = snapshots.place(paneId)
                        .orElseThrow(() -> new UnknownPaneException(paneId));
                PaneConsole console = byPane.get(paneId);
                if (console == null) {
                    console = new PaneConsole(paneId, snapshots, sink, clock, timer);
                    console.open(tmux, fifoDir);
                    byPane.put(paneId, console);
                }
                try {
                    console.add(new Subscription(subscriptionId, sessionId, paneId), place.cols(), place.rows());
                } catch (TmuxException e) {
                    if (console.isEmpty()) {
                        byPane.remove(paneId);
                        toClose = console;
                    }
                    throw e;
                }
                bySubscription.put(subscriptionId, console);
            }
        } finally {
            if (toClose != null) {
                toClose.close();
            }
        }
    }

    /** The pane an active subscription streams; empty when it is not (or no longer) active. */
    public synchronized Optional<String> paneOf(String subscriptionId) {
        PaneConsole console = bySubscription.get(subscriptionId);
        return console == null ? Optional.empty() : Optional.of(console.paneId());
    }

    /** Stops a subscription; false when it is not (or no longer) active. */
    public boolean unsubscribe(String subscriptionId) {
        PaneConsole console;
        boolean last;
        synchronized (this) {
            console = bySubscription.remove(subscriptionId);
            if (console == null) {
                return false;
            }
            last = console.remove(subscriptionId);
            if (last) {
                byPane.remove(console.paneId(), console);
            }
        }
        if (last) {
            console.close();
        }
        return true;
    }

    /** Stops every subscription and every pipe. */
    public void closeAll() {
        synchronized (stopping) {
            List<PaneConsole> all;
            synchronized (this) {
                all = new ArrayList<>(byPane.values());
                byPane.clear();
                bySubscription.clear();
            }
            all.forEach(PaneConsole::close);
        }
    }

    /** How many panes are piped now. */
    public synchronized int pipedPanes() {
        return byPane.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeAll();
        timer.shutdownNow();
    }
}
