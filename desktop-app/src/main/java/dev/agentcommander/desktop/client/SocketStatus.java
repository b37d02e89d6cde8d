package dev.agentcommander.desktop.client;

import java.time.Instant;
import java.util.Objects;

/**
 * State of the UI socket: {@code retryAt} is set while disconnected with a reconnect scheduled; {@code detail}
 * says why the last connection ended or failed, if it did, or why the store is unavailable.
 * {@link State#STORE_UNAVAILABLE}: connected, but the control plane's database does not answer, so nothing new is
 * stored or shown and what the window shows may be stale.
 */
public record SocketStatus(State state, Instant retryAt, String detail) {
    public enum State { CONNECTING, CONNECTED, STORE_UNAVAILABLE, DISCONNECTED }

    public static final SocketStatus CONNECTING = new SocketStatus(State.CONNECTING, null, null);
    public static final SocketStatus CONNECTED = new SocketStatus(State.CONNECTED, null, null);

    public SocketStatus {
        Objects.requireNonNull(state, "state");
    }
}
