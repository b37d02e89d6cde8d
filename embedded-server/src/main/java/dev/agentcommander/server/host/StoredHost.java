package dev.agentcommander.server.host;

import dev.agentcommander.schema.model.HostRow;
import java.time.Instant;

/** A {@code hosts} row without the online state, which only the live connections know. */
public record StoredHost(String hostId, String name, Instant createdAt, Instant lastSeen, long lastAckedSeq) {
    public HostRow toRow(boolean online) {
        return new HostRow(hostId, name, online, lastSeen, lastAckedSeq, createdAt);
    }
}
