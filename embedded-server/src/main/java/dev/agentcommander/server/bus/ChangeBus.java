package dev.agentcommander.server.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process bus of committed changes: writers publish after commit, UI subscriptions listen. Listeners run on
 * the publishing thread and must not block for long; a failing listener is logged and the others still run.
 * Thread-safe.
 *
 * @param <T> what changed (a stored row, or the id of something that changed)
 */
public class ChangeBus<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeBus.class);

    private final String name;
    private final List<Consumer<List<T>>> listeners = new CopyOnWriteArrayList<>();
    /** Team mode: where locally made changes also go (the other nodes); null on a single node. */
    private volatile Consumer<List<T>> forward;

    public ChangeBus(String name) {
        this.name = name;
    }

    public void listen(Consumer<List<T>> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<List<T>> listener) {
        listeners.remove(listener);
    }

    /** Team mode: locally published changes are also handed to {@code forward}; set once at start. */
    public void forwardTo(Consumer<List<T>> forward) {
        this.forward = forward;
    }

    /** Whether anyone listens (here or on another node), so a publisher can skip reading what nobody would get. */
    public boolean hasListeners() {
        return !listeners.isEmpty() || forward != null;
    }

    /** A change made on this node: local listeners and, in team mode, the other nodes hear of it. */
    public void publish(List<T> changed) {
        if (changed.isEmpty()) {
            return;
        }
        deliver(changed);
        Consumer<List<T>> target = forward;
        if (target != null) {
            try {
                target.accept(List.copyOf(changed));
            } catch (RuntimeException e) {
                LOG.warn("{} changes not forwarded to the other nodes", name, e);
            }
        }
    }

    /** A change another node made (already re-read here): only local listeners hear of it. */
    public void deliver(List<T> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<T> items = List.copyOf(changed);
        for (Consumer<List<T>> listener : listeners) {
            try {
                listener.accept(items);
            } catch (RuntimeException e) {
                LOG.warn("{} change listener failed", name, e);
            }
        }
    }
}
