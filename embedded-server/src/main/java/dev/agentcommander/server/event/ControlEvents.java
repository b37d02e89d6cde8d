package dev.agentcommander.server.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.server.bus.ChangeBus;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Events the control plane itself records in a session's timeline (who attached to its console, say), stored like
 * an agent's and announced on the {@code events} topic of every node. Thread-safe.
 */
public final class ControlEvents {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ChangeBus<String> eventSessions;

    public ControlEvents(Jdbi jdbi, Clock clock, ChangeBus<String> eventSessions) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.eventSessions = eventSessions;
    }

    /** Stores the event, then announces it; a failure to store throws and announces nothing. */
    public void record(String sessionId, String hostId, String eventType, ObjectNode payload) {
        NewEvent event = new NewEvent(sessionId, hostId, eventType, payload.toString(), clock.instant());
        jdbi.useExtension(EventDao.class, dao -> dao.insert(List.of(event)));
        eventSessions.publish(List.of(sessionId));
    }
}
