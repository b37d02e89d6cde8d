package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A subscription to rows (sessions, approvals, hosts) under a filter. Changes that arrive before the initial
 * answer is sent are held back and follow it, so the client never sees an older row after a newer one. A row
 * that stops matching the filter is sent once more, so the client can drop it. Thread-safe (synchronised).
 *
 * @param <T> the row type
 */
final class RowSubscription<T> implements Consumer<List<T>> {
    private final Function<T, String> key;
    private final Predicate<T> filter;
    private final Function<List<T>, Message> message;
    private final Consumer<Envelope> out;
    private final Set<String> visible = new HashSet<>();
    private final List<T> held = new ArrayList<>();
    private boolean primed;

    /**
     * @param key the row's id
     * @param filter which rows the subscriber wants
     * @param message wraps rows into the topic's message, tagged with the subscription id
     */
    RowSubscription(Function<T, String> key, Predicate<T> filter, Function<List<T>, Message> message,
            Consumer<Envelope> out) {
        this.key = key;
        this.filter = filter;
        this.message = message;
        this.out = out;
    }

    /** Sends the initial answer (all matching rows), then whatever changed meanwhile. */
    synchronized void prime(List<T> initial) {
        List<T> matching = initial.stream().filter(filter).toList();
        matching.forEach(row -> visible.add(key.apply(row)));
        out.accept(Envelope.live(message.apply(matching)));
        primed = true;
        if (!held.isEmpty()) {
            List<T> pending = List.copyOf(held);
            held.clear();
            accept(pending);
        }
    }

    @Override
    public synchronized void accept(List<T> changed) {
        if (!primed) {
            held.addAll(changed);
            return;
        }
        List<T> relevant = new ArrayList<>();
        for (T row : changed) {
            if (filter.test(row)) {
                visible.add(key.apply(row));
                relevant.add(row);
            } else if (visible.remove(key.apply(row))) {
                relevant.add(row);
            }
        }
        if (!relevant.isEmpty()) {
            out.accept(Envelope.live(message.apply(relevant)));
        }
    }
}
