package dev.agentcommander.agentd.command;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks off the link thread, one at a time per key (a session), in arrival order; different keys run in
 * parallel on a small pool. Thread-safe.
 */
final class SessionLanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLanes.class);

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    SessionLanes(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "agentd-commands");
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(String key, Runnable task) {
        CompletableFuture<Void> tail = tails.compute(key, (k, previous) -> {
            CompletableFuture<Void> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
            return after.thenRunAsync(() -> run(task), pool);
        });
        // Forget a finished lane so the map holds only busy sessions.
        tail.whenComplete((ignored, error) -> tails.remove(key, tail));
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("command task failed", e);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
