package dev.agentcommander.agentd.channel;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection attempt to the control plane; a reconnect uses a new instance. Callbacks arrive on the
 * client's own threads and are handed to {@link Events} with this socket, so stale sockets can be told apart.
 * Thread-safe (Java-WebSocket's send is).
 */
final class LinkSocket extends WebSocketClient {
    /** Inbound frames are limited like the control plane's: 16 MiB. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    interface Events {
        void opened(LinkSocket socket);

        void message(LinkSocket socket, String text);

        void closed(LinkSocket socket, int code, String reason, boolean remote);

        void failed(LinkSocket socket, Exception error);
    }

    private final Events events;
    private volatile boolean acked;

    LinkSocket(URI uri, Map<String, String> headers, Events events) {
        super(uri, new Draft_6455(List.of(), MAX_MESSAGE_BYTES), headers, CONNECT_TIMEOUT_MS);
        this.events = events;
        setConnectionLostTimeout(30);
        setTcpNoDelay(true); // small frames (acks, keystrokes, console chunks) must not wait for Nagle
    }

    /** True once the control plane sent its first {@code agent.ack} on this connection. */
    boolean acked() {
        return acked;
    }

    void markAcked() {
        acked = true;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.opened(this);
    }

    @Override
    public void onMessage(String message) {
        events.message(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception error) {
        events.failed(this, error);
    }
}
