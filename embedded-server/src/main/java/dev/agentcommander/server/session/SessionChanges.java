package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.SessionRow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process bus of committed session changes: the agent link publishes the stored rows after commit, UI
 * subscriptions listen. Listeners run on the publishing thread and must not block. Thread-safe.
 */
public final class SessionChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SessionChanges.class);

    private final List<Consumer<List<SessionRow>>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<List<SessionRow>> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<List<SessionRow>> listener) {
        listeners.remove(listener);
    }

    public void publish(List<SessionRow> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<SessionRow> rows = List.copyOf(changed);
        for (Consumer<List<SessionRow>> listener : listeners) {
            try {
                listener.accept(rows);
            } catch (RuntimeException e) {
                LOG.warn("session change listener failed", e);
            }
        }
    }
}
