package dev.agentcommander.schema.model;

import dev.agentcommander.schema.Require;
import java.time.Instant;
import java.util.List;

/**
 * A host as the control plane lists it. {@code agent_version} and {@code allowed_roots} are what the host's agentd
 * said in its last {@code agent.hello}: null and empty until it first connects.
 */
public record HostRow(String hostId, String name, boolean online, Instant lastSeen, long lastAckedSeq, Instant createdAt,
        String agentVersion, List<String> allowedRoots) {
    public HostRow {
        Require.text(hostId, "host_id");
        Require.text(name, "name");
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }

    public HostRow(String hostId, String name, boolean online, Instant lastSeen, long lastAckedSeq, Instant createdAt) {
        this(hostId, name, online, lastSeen, lastAckedSeq, createdAt, null, List.of());
    }
}
