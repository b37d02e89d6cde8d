package dev.agentcommander.server.session;

import java.time.Instant;

/** Which host a stored session belongs to, and since when it is stored. */
public record SessionOwner(String sessionId, String hostId, Instant createdAt) {
}
