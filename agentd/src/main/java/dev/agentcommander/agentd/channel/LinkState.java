package dev.agentcommander.agentd.channel;

/** The agent link's connection to the control plane. */
public enum LinkState {
    /** Opening a WebSocket to one of the control plane URLs. */
    CONNECTING,
    /** The WebSocket is open: the outbox drains, live messages flow. */
    CONNECTED,
    /** Not connected; a reconnect is scheduled (or the link is closed). */
    DISCONNECTED
}
