package dev.agentcommander.server.host;

import dev.agentcommander.schema.Envelope;

/** The live path to a host's agentd: what commands, decisions and console requests travel on. */
public interface HostChannel {
    /** Whether the host has an open agent socket on this node. */
    boolean online(String hostId);

    /**
     * Sends a live message to the host's open agent socket.
     *
     * @return true when it was written to an open socket; false when the host is not connected here
     */
    boolean send(String hostId, Envelope envelope);
}
