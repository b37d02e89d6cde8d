package dev.agentcommander.server.event;

import java.time.Instant;

/** An {@code events} row as read back; {@code payload} is JSON text. */
public record StoredEvent(long eventId, String sessionId, String eventType, String payload, Instant ts) {
}
