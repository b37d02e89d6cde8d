package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One physical connection of the {@link UiSocket}, opened with one token. Its callbacks run on Java-WebSocket's
 * thread; it decodes what arrives and hands each event to the {@link Events}, which hops to the socket's loop.
 */
final class UiConnection extends WebSocketClient {
    private static final Logger LOG = LoggerFactory.getLogger(UiConnection.class);
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /** What the socket hears from one of its connections; called on Java-WebSocket's thread. */
    interface Events {
        void opened(UiConnection connection);

        void received(UiConnection connection, ControlToUi message);

        void closed(UiConnection connection, int code, String reason);
    }

    final AccessToken token;
    private final WireCodec codec;
    private final Events events;

    UiConnection(URI uri, AccessToken token, WireCodec codec, Events events) {
        super(uri, new Draft_6455(List.of(), MAX_MESSAGE_BYTES), Map.of(), CONNECT_TIMEOUT_MS);
        this.token = token;
        this.codec = codec;
        this.events = events;
        setDaemon(true);
        setConnectionLostTimeout(30);
        setTcpNoDelay(true); // small frames (acks, keystrokes, console chunks) must not wait for Nagle
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.opened(this);
    }

    @Override
    public void onMessage(String text) {
        Envelope envelope;
        try {
            envelope = codec.decode(text);
        } catch (WireFormatException e) {
            LOG.warn("Ignoring a malformed UI socket message: {}", e.getMessage());
            return;
        }
        if (!(envelope.payload() instanceof ControlToUi message)) {
            LOG.warn("Ignoring {}: not a control-plane-to-UI message", envelope.type().wireName());
            return;
        }
        events.received(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(this, code, reason);
    }

    @Override
    public void onError(Exception error) {
        // onClose follows with the reason; this only adds the cause for diagnosis.
        LOG.debug("UI socket error", error);
    }
}
