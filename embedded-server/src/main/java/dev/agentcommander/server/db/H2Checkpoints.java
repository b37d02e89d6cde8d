package dev.agentcommander.server.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for H2. With H2's default {@code WRITE_DELAY} a commit only changes memory and reaches the file up to
 * half a second later; a process killed in between loses it. One thread here runs {@code CHECKPOINT} whenever
 * something waits for durability, and then runs everything that waited since before that checkpoint began. Measured
 * here: a commit with {@code WRITE_DELAY=0} (written at once) cost ~290 µs, an in-memory commit ~90 µs and a
 * checkpoint ~500 µs, which now covers every commit that waits for it. Like {@code WRITE_DELAY=0}, a checkpoint hands
 * the data to the OS without fsync: an OS crash or power loss can still lose the last commits. Thread-safe.
 */
final class H2Checkpoints implements Durability {
    private static final Logger LOG = LoggerFactory.getLogger(H2Checkpoints.class);
    private static final long RETRY_MILLIS = 200;

    private final Jdbi jdbi;
    private final Object lock = new Object();
    private final Thread thread;
    private List<Runnable> waiting = new ArrayList<>();
    private boolean closed;

    H2Checkpoints(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = new Thread(this::run, "h2-checkpoints");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void afterDurable(Runnable action) {
        synchronized (lock) {
            if (closed) {
                return; // shutting down: what waited is not confirmed (agents resend unacked frames)
            }
            waiting.add(action);
            lock.notifyAll();
        }
    }

    @Override
    public void awaitDurable() {
        CountDownLatch written = new CountDownLatch(1);
        afterDurable(written::countDown);
        try {
            if (!written.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the database did not confirm the write within " + MAX_WAIT.toSeconds()
                        + " s (see the log for checkpoint failures)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the write to reach the database file", e);
        }
    }

    private void run() {
        while (true) {
            List<Runnable> batch;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            if (!checkpoint()) {
                return;
            }
            for (Runnable action : batch) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("an action waiting for a checkpoint failed: {}", e.toString());
                }
            }
        }
    }

    /** @return false when closed meanwhile */
    private boolean checkpoint() {
        while (true) {
            try {
                jdbi.useHandle(handle -> handle.execute("CHECKPOINT"));
                return true;
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (closed) {
                        return false;
                    }
                }
                LOG.error("H2 checkpoint failed, retrying (writes are not confirmed until it works): {}",
                        e.toString());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return false;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
