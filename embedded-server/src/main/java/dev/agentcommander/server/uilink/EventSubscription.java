package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.server.event.Events;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@code events} subscription of one session. The bus only says which sessions got events; this reads them
 * from the database after its cursor, so every event is sent once and in event_id order. Thread-safe
 * (synchronised); reads run on the publishing (apply) thread.
 */
final class EventSubscription implements Consumer<List<String>> {
    /** How many recent events the initial answer holds. */
    static final int INITIAL = 100;
    private static final int PAGE = 500;

    private final String subscriptionId;
    private final String sessionId;
    private final Events events;
    private final Consumer<Envelope> out;
    private long cursor;
    private boolean primed;

    EventSubscription(String subscriptionId, String sessionId, Events events, Consumer<Envelope> out) {
        this.subscriptionId = subscriptionId;
        this.sessionId = sessionId;
        this.events = events;
        this.out = out;
    }

    /** Sends the session's latest events (oldest first); later ones follow as they are stored. */
    synchronized void prime() {
        List<EventRow> latest = events.latest(sessionId, INITIAL);
        out.accept(Envelope.live(new EventsAppended(subscriptionId, latest)));
        if (!latest.isEmpty()) {
            cursor = latest.get(latest.size() - 1).eventId();
        }
        primed = true;
        catchUp();
    }

    @Override
    public synchronized void accept(List<String> sessionIds) {
        if (primed && sessionIds.contains(sessionId)) {
            catchUp();
        }
    }

    private void catchUp() {
        List<EventRow> page;
        do {
            page = events.after(sessionId, cursor, PAGE);
            if (!page.isEmpty()) {
                cursor = page.get(page.size() - 1).eventId();
                out.accept(Envelope.live(new EventsAppended(subscriptionId, page)));
            }
        } while (page.size() == PAGE);
    }
}
