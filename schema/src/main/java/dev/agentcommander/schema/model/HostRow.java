package dev.agentcommander.schema.model;

import dev.agentcommander.schema.Require;
import java.time.Instant;

/** A host as the control plane lists it. */
public record HostRow(String hostId, String name, boolean online, Instant lastSeen, long lastAckedSeq, Instant createdAt) {
    public HostRow {
        Require.text(hostId, "host_id");
        Require.text(name, "name");
    }
}
