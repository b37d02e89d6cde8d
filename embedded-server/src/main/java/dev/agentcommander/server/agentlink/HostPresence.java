package dev.agentcommander.server.agentlink;

/** Told when a host's agent socket opens (after its first ack) and closes, on the socket's thread. */
public interface HostPresence {
    void connected(String hostId);

    void disconnected(String hostId);
}
