package dev.agentcommander.server.app;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control plane's background work: numbered daemon threads (they never keep the JVM alive), periodic tasks. */
final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private Background() {
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs a periodic task; a failure is logged and the task runs again next time. */
    static void every(ScheduledExecutorService scheduler, Duration every, String what, Runnable task) {
        long millis = every.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
