package dev.agentcommander.agentd.e2e;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A UI WebSocket client for end-to-end tests: records every frame the control plane sends. Thread-safe. */
final class UiConsoleClient extends WebSocketClient {
    private final WireCodec codec = new WireCodec();
    private final List<Envelope> received = new CopyOnWriteArrayList<>();

    UiConsoleClient(String url) {
        super(URI.create(url));
        setDaemon(true);
    }

    List<Envelope> received() {
        return List.copyOf(received);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // Subscriptions are sent by the test once open.
    }

    @Override
    public void onMessage(String message) {
        try {
            received.add(codec.decode(message));
        } catch (WireFormatException e) {
            throw new AssertionError("control plane sent a malformed UI frame: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        // The test closes it; the control plane's side is what is asserted.
    }

    @Override
    public void onError(Exception ex) {
        // Failures show up as missing frames in the test's assertions.
    }
}
