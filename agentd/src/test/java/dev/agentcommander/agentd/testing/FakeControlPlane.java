package dev.agentcommander.agentd.testing;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.Command;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A second, minimal implementation of the control plane's agent socket for link tests: it stores durable frames
 * like the real one (skip seq <= last acked, ack cumulatively, initial ack on connect) and records everything.
 * Listens on 127.0.0.1, random port. Thread-safe.
 */
public final class FakeControlPlane extends WebSocketServer implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private final List<Envelope> stored = new CopyOnWriteArrayList<>();
    private final List<List<Envelope>> connections = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, List<Envelope>> framesBySocket = new ConcurrentHashMap<>();
    private volatile long lastAcked;
    private volatile long ackUpTo = Long.MAX_VALUE;
    private volatile WebSocket current;
    private final CountDownLatch started = new CountDownLatch(1);

    public FakeControlPlane() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
    }

    public static FakeControlPlane started() {
        FakeControlPlane server = new FakeControlPlane();
        server.start();
        try {
            if (!server.started.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("fake control plane did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return server;
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/v1/agent/ws";
    }

    /** Durable frames with a seq above this are stored but not acked (as if the ack got lost). */
    public void ackOnlyUpTo(long seq) {
        ackUpTo = seq;
    }

    public void dropConnection() {
        WebSocket socket = current;
        if (socket != null) {
            socket.closeConnection(1006, "dropped by test");
        }
    }

    public void send(Command command) {
        current.send(codec.encode(Envelope.live(command)));
    }

    public void sendRaw(String frame) {
        current.send(frame);
    }

    /** Durable messages applied, in order (each seq once). */
    public List<Envelope> stored() {
        return List.copyOf(stored);
    }

    public List<Long> storedSeqs() {
        return stored.stream().map(Envelope::seq).toList();
    }

    /** Every frame received, per connection, in order. */
    public List<List<Envelope>> connections() {
        List<List<Envelope>> copy = new ArrayList<>();
        connections.forEach(frames -> copy.add(List.copyOf(frames)));
        return copy;
    }

    public List<Map<String, String>> handshakes() {
        return List.copyOf(handshakes);
    }

    public long lastAcked() {
        return lastAcked;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        handshakes.add(Map.of("authorization", handshake.getFieldValue("Authorization"),
                "stream", handshake.getFieldValue("X-Agentd-Stream")));
        List<Envelope> frames = new CopyOnWriteArrayList<>();
        framesBySocket.put(conn, frames);
        connections.add(frames);
        current = conn;
        conn.send(codec.encode(Envelope.live(new AgentAck(lastAcked))));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Envelope envelope;
        try {
            envelope = codec.decode(message);
        } catch (WireFormatException e) {
            throw new AssertionError("agent sent a malformed frame: " + message, e);
        }
        framesBySocket.get(conn).add(envelope);
        if (!envelope.type().durable()) {
            return;
        }
        synchronized (this) {
            if (envelope.seq() > lastAcked) {
                stored.add(envelope);
                lastAcked = envelope.seq();
            }
        }
        if (envelope.seq() <= ackUpTo) {
            conn.send(codec.encode(Envelope.live(new AgentAck(envelope.seq()))));
        }
    }

    /** Frames of one type received on a connection. */
    public static List<Envelope> ofType(List<Envelope> frames, MessageType type) {
        return frames.stream().filter(frame -> frame.type() == type).toList();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (current == conn) {
            current = null;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // Connection errors are part of what the tests provoke; the client side asserts the outcome.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() {
        try {
            stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
