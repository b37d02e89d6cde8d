package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for the control plane's UI socket on 127.0.0.1: checks {@code ?token=}, answers every subscribe with
 * a {@code sessions.changed} holding {@link #rows}, and lets a test drop connections. Thread-safe.
 */
final class FakeUiServer extends WebSocketServer {
    final List<String> acceptedTokens = new CopyOnWriteArrayList<>();
    final List<String> rejectedTokens = new CopyOnWriteArrayList<>();
    final List<Subscribe> subscribes = new CopyOnWriteArrayList<>();
    final Map<WebSocket, String> openConnections = new ConcurrentHashMap<>();
    volatile List<SessionRow> rows = List.of();

    private final WireCodec codec;
    private final Predicate<String> tokenCheck;
    private final CountDownLatch started = new CountDownLatch(1);

    FakeUiServer(WireCodec codec, Predicate<String> tokenCheck) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.codec = codec;
        this.tokenCheck = tokenCheck;
        setReuseAddr(true);
    }

    FakeUiServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake UI server did not start");
        }
        return this;
    }

    URI uiWsUrl() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/v1/ui/ws");
    }

    void push(SessionsChanged change) {
        openConnections.keySet().forEach(connection -> connection.send(codec.encode(Envelope.live(change))));
    }

    void dropAll() {
        openConnections.keySet().forEach(connection -> connection.close(CloseFrame.GOING_AWAY, "server restart"));
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
                                                                        ClientHandshake request) throws InvalidDataException {
        String token = tokenOf(request.getResourceDescriptor());
        if (!tokenCheck.test(token)) {
            rejectedTokens.add(token);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "401 bad token");
        }
        return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        String token = tokenOf(handshake.getResourceDescriptor());
        acceptedTokens.add(token);
        openConnections.put(connection, token);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        openConnections.remove(connection);
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        try {
            Envelope envelope = codec.decode(message);
            if (envelope.payload() instanceof Subscribe subscribe) {
                subscribes.add(subscribe);
                connection.send(codec.encode(Envelope.live(new SessionsChanged(subscribe.subscriptionId(), rows))));
            }
        } catch (WireFormatException e) {
            throw new IllegalStateException("client sent a malformed frame: " + message, e);
        }
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        // The tests assert on what arrived; errors show up as missing messages.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    private static String tokenOf(String resource) {
        int at = resource.indexOf("token=");
        return at < 0 ? "" : java.net.URLDecoder.decode(resource.substring(at + "token=".length()), StandardCharsets.UTF_8);
    }
}
