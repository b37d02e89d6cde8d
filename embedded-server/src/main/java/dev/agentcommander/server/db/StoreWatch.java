package dev.agentcommander.server.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks, every {@link #INTERVAL}, whether the database answers, and tells its listeners when the answer changes
 * ({@code false}: the store became unavailable; {@code true}: it is back). Without it nothing would notice an outage
 * while no write is tried, and UI sockets would just go quiet. The probe and the listeners run on the thread
 * "store-watch", one check at a time. Thread-safe.
 */
public final class StoreWatch implements AutoCloseable {
    /** How often the database is asked; a probe itself waits at most a second (see Database#reachable). */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);

    private final BooleanSupplier probe;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread worker = new Thread(task, "store-watch");
        worker.setDaemon(true);
        return worker;
    });
    /** The answer of the latest check (true before the first); only the watch thread touches it. */
    private boolean available = true;

    /** {@code probe}: true when the database answered, within its own bound. */
    public StoreWatch(BooleanSupplier probe) {
        this.probe = probe;
    }

    public void start() {
        long millis = INTERVAL.toMillis();
        thread.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Called with each change, on the thread "store-watch"; must not block. */
    public void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    void check() {
        boolean now;
        try {
            now = probe.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.debug("store probe failed: {}", e.toString());
            now = false;
        }
        if (now == available) {
            return;
        }
        available = now;
        if (now) {
            LOG.info("the database answers again");
        } else {
            LOG.warn("the database does not answer; asking again every {} ms", INTERVAL.toMillis());
        }
        for (Consumer<Boolean> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("a store status listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
