package dev.agentcommander.desktop.client;

import java.util.function.Consumer;

/**
 * Where this app's control plane comes from: started in-process (solo and team mode) or a remote one (thin
 * client). {@link #start} and {@link #close} are called from one background thread, never the UI thread.
 */
public interface Backend extends AutoCloseable {
    /** A short label for the window, e.g. "Solo". */
    String modeLabel();

    /**
     * Gets the control plane ready; {@code progress} receives short texts like "Starting agentd…" (on this
     * thread; the caller hops them to the UI).
     */
    ControlPlaneEndpoint start(Consumer<String> progress) throws StartupException;

    /** Follows the local agentd; called at once with the current state, then on changes, on any thread. */
    void onAgentLink(Consumer<AgentLinkState> listener);

    /** Stops whatever start started; safe after a failed or partial start, and twice. */
    @Override
    void close();
}
