package dev.agentcommander.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Require;
import java.time.Instant;

/** A stored session event; {@code event_id} orders a session's events. */
public record EventRow(Long eventId, String sessionId, String eventType, JsonNode payload, Instant ts) {
    public EventRow {
        Require.present(eventId, "event_id");
        Require.text(sessionId, "session_id");
        Require.text(eventType, "event_type");
    }
}
