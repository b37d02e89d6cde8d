package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.server.event.Events;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code events} subscription of one session. The bus only says which sessions got events; this reads them
 * from the database after its cursor, so every event is sent once and in event_id order. The reads run on
 * {@code reads}, never on the publishing thread, which is the agents' apply thread: with many subscribers (the chaos
 * run's abuse had 1,000) reading there, every agent's next batch waited for them. A read that is already due covers
 * the changes published before it runs. Thread-safe (reads synchronised).
 */
final class EventSubscription implements Consumer<List<String>> {
    /** How many recent events the initial answer holds. */
    static final int INITIAL = 100;
    private static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);

    private final String subscriptionId;
    private final String sessionId;
    private final Events events;
    private final Executor reads;
    private final Consumer<Envelope> out;
    private final AtomicBoolean readDue = new AtomicBoolean();
    private long cursor;
    private boolean primed;
    private boolean ended;

    EventSubscription(String subscriptionId, String sessionId, Events events, Executor reads, Consumer<Envelope> out) {
        this.subscriptionId = subscriptionId;
        this.sessionId = sessionId;
        this.events = events;
        this.reads = reads;
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
    public void accept(List<String> sessionIds) {
        if (sessionIds.contains(sessionId) && readDue.compareAndSet(false, true)) {
            reads.execute(this::read);
        }
    }

    /** No more sends, not even from a read that is already due (its id may be reused by a new subscription). */
    synchronized void end() {
        ended = true;
    }

    private synchronized void read() {
        readDue.set(false);
        if (!primed || ended) {
            return;
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            // the next change reads again from the same cursor
            LOG.warn("events subscription {}: cannot read the events of session {}: {}", subscriptionId, sessionId,
                    e.toString());
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
