package dev.agentcommander.desktop.window;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves what keeps changing (the window's layout, its tabs) a moment after it changed, on a thread of its own: the
 * UI thread only hands over the latest value, many changes within {@code delay} are one write, and a crash loses at
 * most that moment. Thread-safe; {@code write} runs on the saving thread only, so writes never overlap.
 */
public final class DebouncedSave<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebouncedSave.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    /** Long enough to make one write of a drag or a burst of tab changes, short enough that a crash loses little. */
    public static final Duration SOON = Duration.ofMillis(500);

    private final Consumer<T> write;
    private final Duration delay;
    private final ScheduledExecutorService saver;
    /** What to write next (null: nothing new) and the write to come, if one is scheduled; guarded by {@code this}. */
    private T latest;
    private ScheduledFuture<?> pending;

    /** {@code name} names the saving thread, e.g. "window-save". */
    public DebouncedSave(String name, Duration delay, Consumer<T> write) {
        this.write = Objects.requireNonNull(write, "write");
        this.delay = delay;
        this.saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code value} is what to save now; it is written within {@code delay}, unless a later one replaces it. */
    public synchronized void changed(T value) {
        latest = Objects.requireNonNull(value, "value");
        if (pending == null) {
            try {
                pending = saver.schedule(this::writeLatest, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("Closed; not saved");
            }
        }
    }

    /** Writes what is still unsaved, waits for it (briefly: at exit), and stops the saving thread. */
    @Override
    public void close() {
        try {
            saver.submit(this::writeLatest).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closed already");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The last save did not finish", e);
        } finally {
            saver.shutdownNow();
        }
    }

    private void writeLatest() {
        T value;
        synchronized (this) {
            // A change from now on schedules another write.
            pending = null;
            value = latest;
            latest = null;
        }
        if (value != null) {
            write.accept(value);
        }
    }
}
