package dev.agentcommander.agentd.console;

import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console stream of one pane, fed by one {@link PanePipe}. It counts the pane's output bytes from the moment its
 * first subscriber came; a subscription opens with a snapshot carrying that offset, then gets the bytes as
 * {@code console.chunk}s, coalesced up to {@link #MAX_CHUNK}. A chunk the link cannot take is dropped, never queued
 * here (memory stays bounded, tmux never waits for us); the subscription then gets a fresh snapshot, at most every {@link #RESYNC_INTERVAL}, which heals the gap. Thread-safe: everything runs
 * under this object's monitor, which the reader thread also takes, so no byte slips between a snapshot and its
 * first chunk.
 */
final class PaneConsole implements PanePipe.Listener, AutoCloseable {
    static final int MAX_CHUNK = 16 * 1024;
    static final Duration RESYNC_INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(PaneConsole.class);

    private final String paneId;
    private final PaneSnapshots snapshots;
    private final ConsoleSink sink;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final LogThrottle resyncWarnings = new LogThrottle(LOG, Duration.ofMinutes(1));
    private PanePipe pipe;
    private long offset;
    private long pendingStart;
    private boolean closed;
    private boolean retryScheduled;

    PaneConsole(String paneId, PaneSnapshots snapshots, ConsoleSink sink, Clock clock,
                ScheduledExecutorService timer) {
        this.paneId = paneId;
        this.snapshots = snapshots;
        this.sink = sink;
        this.clock = clock;
        this.timer = timer;
    }

    /** Starts the pane's pipe into a FIFO under {@code dir}. */
    void open(TmuxRunner tmux, Path dir) throws TmuxException, IOException, PaneBusyException {
        PanePipe opened = PanePipe.open(tmux, dir, paneId, this);
        synchronized (this) {
            pipe = opened;
        }
    }

    String paneId() {
        return paneId;
    }

    /** Adds a subscription and sends its opening snapshot (the reader waits meanwhile, so nothing is missed). */
    synchronized void add(Subscription subscription, Integer cols, Integer rows) throws TmuxException {
        flush();
        String content = snapshots.capture(paneId);
        subscriptions.add(subscription);
        if (!sink.send(snapshot(subscription, content, cols, rows))) {
            subscription.resync = true;
            scheduleRetry();
        }
    }

    /** Removes a subscription; true when none is left, so the caller closes this console. */
    synchronized boolean remove(String subscriptionId) {
        subscriptions.removeIf(s -> s.subscriptionId.equals(subscriptionId));
        return subscriptions.isEmpty();
    }

    synchronized boolean isEmpty() {
        return subscriptions.isEmpty();
    }

    @Override
    public synchronized void output(byte[] data, int length) {
        if (pending.size() == 0) {
            pendingStart = offset;
        }
        pending.write(data, 0, length);
        offset += length;
        if (pending.size() >= MAX_CHUNK) {
            flush();
        }
    }

    @Override
    public synchronized void idle() {
        flush();
    }

    @Override
    public void close() {
        PanePipe current;
        synchronized (this) {
            current = pipe;
            pipe = null;
            closed = true;
            subscriptions.clear();
        }
        if (current != null) {
            current.close();
        }
    }

    private void flush() {
        if (pending.size() == 0) {
            return;
        }
        String data = Base64.getEncoder().encodeToString(pending.toByteArray());
        pending.reset();
        for (Subscription subscription : subscriptions) {
            if (subscription.resync) {
                resync(subscription);
            } else if (!sink.send(new ConsoleChunk(subscription.subscriptionId, subscription.sessionId,
                    pendingStart, data))) {
                subscription.resync = true;
                scheduleRetry();
            }
        }
    }

    /**
     * After a dropped chunk: a fresh snapshot at the current offset (it already shows the bytes just read), at most
     * every {@link #RESYNC_INTERVAL}; retried by a timer, so a pane that falls quiet is healed too.
     */
    private void resync(Subscription subscription) {
        long now = System.nanoTime();
        if (subscription.lastResyncNanos != 0 && now - subscription.lastResyncNanos < RESYNC_INTERVAL.toNanos()) {
            scheduleRetry();
            return;
        }
        subscription.lastResyncNanos = now == 0 ? 1 : now;
        try {
            String content = snapshots.capture(paneId);
            if (sink.send(snapshot(subscription, content, null, null))) {
                subscription.resync = false;
                return;
            }
        } catch (TmuxException e) {
            resyncWarnings.warn("cannot capture pane {} to heal a console gap; retrying: {}", subscription.paneId,
                    e.getMessage());
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (retryScheduled || closed) {
            return;
        }
        try {
            timer.schedule(this::retryResyncs, RESYNC_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            retryScheduled = true;
        } catch (RejectedExecutionException e) {
            LOG.debug("console timer stopped; no resync retry", e);
        }
    }

    private synchronized void retryResyncs() {
        retryScheduled = false;
        if (closed) {
            return;
        }
        flush();
        for (Subscription subscription : subscriptions) {
            if (subscription.resync) {
                resync(subscription);
            }
        }
    }

    /** A snapshot that opens the stream at the current offset: every byte counted so far is on the screen. */
    private SessionsSnapshot snapshot(Subscription subscription, String content, Integer cols, Integer rows) {
        return new SessionsSnapshot(subscription.sessionId, subscription.subscriptionId, offset, content, cols, rows,
                clock.instant());
    }
}
