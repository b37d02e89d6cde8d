package dev.agentcommander.desktop.client;

/** State of the agentd running inside this app, as the status bar shows it. */
public enum AgentLinkState {
    /** This app runs no agentd (thin client). */
    NOT_LOCAL,
    STARTING,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    /** Not running: startup failed or the app is shutting down. */
    STOPPED
}
