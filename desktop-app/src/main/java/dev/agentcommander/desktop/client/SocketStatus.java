package dev.agentcommander.desktop.client;

import java.time.Instant;
import java.util.Objects;

/**
 * State of the UI socket: {@code retryAt} is set while disconnected with a reconnect scheduled; {@code detail}
 * says why the last connection ended or failed, if it did.
 */
public record SocketStatus(State state, Instant retryAt, String detail) {
    public enum State { CONNECTING, CONNECTED, DISCONNECTED }

    public static final SocketStatus CONNECTING = new SocketStatus(State.CONNECTING, null, null);
    public static final SocketStatus CONNECTED = new SocketStatus(State.CONNECTED, null, null);

    public SocketStatus {
        Objects.requireNonNull(state, "state");
    }
}
