package dev.agentcommander.server.host;

import java.time.Instant;

/**
 * A {@code hosts} row without the online state, which only the live connections know. {@code allowedRoots} is the
 * stored JSON array (null until the host's agentd first said hello).
 */
public record StoredHost(String hostId, String name, Instant createdAt, Instant lastSeen, long lastAckedSeq,
        String agentVersion, String allowedRoots) {
}
