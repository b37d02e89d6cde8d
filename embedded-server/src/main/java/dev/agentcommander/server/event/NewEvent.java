package dev.agentcommander.server.event;

import java.time.Instant;

/** An event to store; {@code payload} is JSON text, {@code sessionId} may be null. */
public record NewEvent(String sessionId, String hostId, String eventType, String payload, Instant ts) {
}
