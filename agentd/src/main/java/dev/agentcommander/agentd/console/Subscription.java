package dev.agentcommander.agentd.console;

/**
 * One console subscription of the control plane on one pane. Guarded by its {@link PaneConsole}'s monitor.
 */
final class Subscription {
    final String subscriptionId;
    final String sessionId;
    final String paneId;
    /** A chunk was dropped: the next output sends a fresh snapshot instead, which heals the gap. */
    boolean resync;
    long lastResyncNanos;

    Subscription(String subscriptionId, String sessionId, String paneId) {
        this.subscriptionId = subscriptionId;
        this.sessionId = sessionId;
        this.paneId = paneId;
    }
}
