package dev.agentcommander.server.agentlink;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.event.NewEvent;
import dev.agentcommander.server.session.SessionColumns;
import dev.agentcommander.server.session.SessionOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the new frames of one batch into the writes of one transaction. A session row belongs to the host
 * that first stored it: rows and events naming another host's session are refused, the rest of the frame
 * still applies. Confined to the applying thread.
 */
final class BatchPlan {
    static final String COMMAND_COMPLETED = "command.completed";

    private final String hostId;
    private final Map<String, Instant> cachedOwned;
    private final Map<String, SessionOwner> stored;
    private final Instant now;
    private final WireCodec codec;

    private final Map<String, SessionRow> rows = new LinkedHashMap<>();
    private final Set<String> inserts = new LinkedHashSet<>();
    private final Map<String, Instant> owned = new HashMap<>();
    private final List<NewEvent> events = new ArrayList<>();
    private final List<ErrorMessage> errors = new ArrayList<>();

    /**
     * @param cachedOwned sessions already known to belong to this host (id → created_at)
     * @param stored the stored owners of the other session ids the batch names
     */
    BatchPlan(String hostId, Map<String, Instant> cachedOwned, Map<String, SessionOwner> stored, Instant now,
            WireCodec codec) {
        this.hostId = hostId;
        this.cachedOwned = cachedOwned;
        this.stored = stored;
        this.now = now;
        this.codec = codec;
    }

    /** The session ids a batch names, for the one ownership query. */
    static Set<String> sessionIds(List<Inbound> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (Inbound inbound : batch) {
            if (inbound.envelope() == null) {
                continue;
            }
            if (inbound.envelope().payload() instanceof SessionsUpsert upsert) {
                upsert.sessions().forEach(row -> ids.add(row.sessionId()));
            } else if (inbound.envelope().payload() instanceof EventsAppend event) {
                ids.add(event.sessionId());
            }
        }
        return ids;
    }

    void add(Inbound inbound) {
        if (inbound.rejection() != null) {
            errors.add(inbound.rejection());
            return;
        }
        Envelope envelope = inbound.envelope();
        if (envelope.payload() instanceof SessionsUpsert upsert) {
            upsert(inbound.seq(), upsert);
        } else if (envelope.payload() instanceof EventsAppend event) {
            event(inbound.seq(), envelope, event);
        } else if (envelope.payload() instanceof CommandsResult result) {
            events.add(new NewEvent(null, hostId, COMMAND_COMPLETED, json(result), envelope.ts()));
        } else {
            throw new IllegalArgumentException("not a durable message: " + envelope.type().wireName());
        }
    }

    List<SessionColumns> inserts() {
        return rows.values().stream().filter(row -> inserts.contains(row.sessionId())).map(SessionColumns::of).toList();
    }

    List<SessionColumns> updates() {
        return rows.values().stream().filter(row -> !inserts.contains(row.sessionId())).map(SessionColumns::of).toList();
    }

    List<NewEvent> events() {
        return events;
    }

    Applied result(long ackSeq) {
        return new Applied(ackSeq, List.copyOf(rows.values()), List.copyOf(errors), Map.copyOf(owned));
    }

    private void upsert(long seq, SessionsUpsert upsert) {
        List<String> refused = new ArrayList<>();
        for (SessionRow row : upsert.sessions()) {
            String sessionId = row.sessionId();
            Instant createdAt = ownedSince(sessionId);
            if (createdAt == null && stored.containsKey(sessionId)) {
                refused.add(sessionId);
                continue;
            }
            if (createdAt == null) {
                createdAt = now;
                inserts.add(sessionId);
                owned.put(sessionId, now);
            }
            rows.put(sessionId, row.withHost(hostId).withTimes(createdAt, now));
        }
        if (!refused.isEmpty()) {
            errors.add(new ErrorMessage("session_not_owned", "sessions " + refused
                    + " belong to another host and were not stored; the rest of the frame was", null, seq));
        }
    }

    private void event(long seq, Envelope envelope, EventsAppend event) {
        String sessionId = event.sessionId();
        if (ownedSince(sessionId) == null && stored.containsKey(sessionId)) {
            errors.add(new ErrorMessage("session_not_owned", "session " + sessionId
                    + " belongs to another host; event not stored", null, seq));
            return;
        }
        events.add(new NewEvent(sessionId, hostId, event.eventType(), json(event.payload()), envelope.ts()));
    }

    /** created_at of a session of this host, or null if it is new or another host's. */
    private Instant ownedSince(String sessionId) {
        Instant cached = cachedOwned.get(sessionId);
        if (cached != null) {
            return cached;
        }
        Instant planned = owned.get(sessionId);
        if (planned != null) {
            return planned;
        }
        SessionOwner owner = stored.get(sessionId);
        if (owner != null && owner.hostId().equals(hostId)) {
            owned.put(sessionId, owner.createdAt());
            return owner.createdAt();
        }
        return null;
    }

    private String json(Object value) {
        try {
            return codec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event payload", e);
        }
    }
}
