package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.schema.ui.SessionsChanged;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One {@code sessions} subscription. Changes that arrive before the initial answer is sent are held back and
 * follow it, so the client never sees an older row after a newer one. A row that stops matching the filter
 * is sent once more, so the client can drop it. Thread-safe (synchronised).
 */
final class SessionSubscription implements Consumer<List<SessionRow>> {
    private final String subscriptionId;
    private final SessionFilter filter;
    private final Consumer<Envelope> out;
    private final Set<String> visible = new HashSet<>();
    private final List<SessionRow> held = new ArrayList<>();
    private boolean primed;

    SessionSubscription(String subscriptionId, SessionFilter filter, Consumer<Envelope> out) {
        this.subscriptionId = subscriptionId;
        this.filter = filter;
        this.out = out;
    }

    /** Sends the initial answer (all matching rows), then whatever changed meanwhile. */
    synchronized void prime(List<SessionRow> initial) {
        initial.forEach(row -> visible.add(row.sessionId()));
        out.accept(Envelope.live(new SessionsChanged(subscriptionId, initial)));
        primed = true;
        if (!held.isEmpty()) {
            List<SessionRow> pending = List.copyOf(held);
            held.clear();
            accept(pending);
        }
    }

    @Override
    public synchronized void accept(List<SessionRow> changed) {
        if (!primed) {
            held.addAll(changed);
            return;
        }
        List<SessionRow> relevant = new ArrayList<>();
        for (SessionRow row : changed) {
            if (filter.matches(row)) {
                visible.add(row.sessionId());
                relevant.add(row);
            } else if (visible.remove(row.sessionId())) {
                relevant.add(row);
            }
        }
        if (!relevant.isEmpty()) {
            out.accept(Envelope.live(new SessionsChanged(subscriptionId, relevant)));
        }
    }
}
