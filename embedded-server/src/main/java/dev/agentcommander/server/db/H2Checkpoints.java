package dev.agentcommander.server.db;

import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for H2. With H2's default {@code WRITE_DELAY} a commit only changes memory and reaches the file up to
 * half a second later; a process killed in between loses it. A caller of {@link #awaitDurable} needs one
 * {@code CHECKPOINT} that begins after its call: if none is running it runs one itself, otherwise it waits for the
 * running one (which may have begun before its commit) and then for the next, which one of the waiters runs for all
 * of them. So checkpoints follow each other while anyone waits, each covering every commit made before it began,
 * and no thread hands its wait to another. Measured here: a commit with {@code WRITE_DELAY=0} (the file written at
 * every commit, and H2's background housekeeping off) costs what a checkpoint does, for each commit. Like
 * {@code WRITE_DELAY=0}, a checkpoint hands the data to the OS without fsync: an OS crash or power loss can still
 * lose the last commits. Thread-safe.
 */
final class H2Checkpoints implements Durability {
    private static final Logger LOG = LoggerFactory.getLogger(H2Checkpoints.class);

    private final Runnable checkpoint;
    private final Object lock = new Object();
    /** Checkpoints begun and finished; one runs at a time, so they finish in the order they began. */
    private long begun;
    private long finished;
    private boolean running;
    private boolean closed;

    H2Checkpoints(Jdbi jdbi) {
        this(() -> jdbi.useHandle(handle -> handle.execute("CHECKPOINT")));
    }

    /** {@code checkpoint}: writes every commit made before it began to the file, or throws. */
    H2Checkpoints(Runnable checkpoint) {
        this.checkpoint = checkpoint;
    }

    @Override
    public void awaitDurable() {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long number;
        synchronized (lock) {
            long needed = begun + 1;
            while (running && finished < needed) {
                waitUntil(deadline);
            }
            if (finished >= needed) {
                return; // another caller's checkpoint began after this call: it covered this caller's commits
            }
            if (closed) {
                throw new IllegalStateException("the database is closing: the write is not confirmed");
            }
            running = true;
            number = ++begun;
        }
        boolean written = false;
        try {
            checkpoint.run();
            written = true;
        } catch (RuntimeException e) {
            LOG.error("H2 checkpoint failed: writes are not confirmed until one works: {}", e.toString());
            throw new IllegalStateException("the database did not write the change to its file: " + e, e);
        } finally {
            synchronized (lock) {
                running = false;
                if (written) {
                    finished = number;
                }
                lock.notifyAll();
            }
        }
    }

    /** Waits on {@code lock} (held) until notified or the deadline. */
    private void waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("the database did not confirm the write within " + MAX_WAIT.toSeconds()
                    + " s (a checkpoint is still running)");
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the write to reach the database file", e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
