package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.agent.AgentHello;

/**
 * Told when a host's agent socket opens (after its first ack), when its agentd says hello on it, and when it closes,
 * on the socket's thread.
 */
public interface HostPresence {
    void connected(String hostId);

    /** The host's agentd introduced itself (its version and allowed roots); the hello's host_id matched. */
    void introduced(String hostId, AgentHello hello);

    void disconnected(String hostId);
}
