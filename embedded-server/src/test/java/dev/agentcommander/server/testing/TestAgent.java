package dev.agentcommander.server.testing;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A hand-driven agentd: speaks the agent protocol with {@link WireCodec} and records what it receives. */
public final class TestAgent extends WebSocketClient {
    private final WireCodec codec = new WireCodec();
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private volatile Integer closeCode;
    private volatile String closeReason;

    private TestAgent(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects, or returns a client whose {@link #closeReason()} tells why the upgrade failed. */
    public static TestAgent connect(String url, String token, String streamId) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (streamId != null) {
            headers.put("X-Agentd-Stream", streamId);
        }
        TestAgent agent = new TestAgent(URI.create(url), headers);
        try {
            agent.connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return agent;
    }

    public void send(Envelope envelope) {
        send(codec.encode(envelope));
    }

    public void sendDurable(long seq, Message message) {
        send(Envelope.durable(seq, message));
    }

    /** Cuts the TCP connection without a close handshake. */
    public void cut() {
        try {
            getSocket().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Envelope> received() {
        return List.copyOf(received);
    }

    /** Waits for an {@code agent.ack} with exactly {@code seq}. */
    public void awaitAck(long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> acks().contains(seq));
    }

    public List<Long> acks() {
        return received.stream().filter(e -> e.payload() instanceof AgentAck)
                .map(e -> ((AgentAck) e.payload()).seq()).toList();
    }

    /** The first ack this connection received. */
    public long firstAck() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !acks().isEmpty());
        return acks().get(0);
    }

    public ErrorMessage awaitError(Predicate<ErrorMessage> matching) {
        await().atMost(Duration.ofSeconds(10)).until(() -> errors().stream().anyMatch(matching));
        return errors().stream().filter(matching).findFirst().orElseThrow();
    }

    public List<ErrorMessage> errors() {
        return received.stream().filter(e -> e.payload() instanceof ErrorMessage)
                .map(e -> (ErrorMessage) e.payload()).toList();
    }

    /** The payloads of one type received so far, in order. */
    public <T extends Message> List<T> payloads(Class<T> type) {
        return received.stream().filter(e -> type.isInstance(e.payload())).map(e -> type.cast(e.payload())).toList();
    }

    /** Waits until a payload of {@code type} matching {@code test} arrived; returns the first such. */
    public <T extends Message> T awaitPayload(Class<T> type, Predicate<T> test) {
        await().atMost(Duration.ofSeconds(15)).until(() -> payloads(type).stream().anyMatch(test));
        return payloads(type).stream().filter(test).findFirst().orElseThrow();
    }

    public Integer closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public void awaitClosed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> closeCode != null);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            received.add(codec.decode(message));
        } catch (WireFormatException e) {
            throw new IllegalStateException("server sent an undecodable frame: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeReason = reason;
        closeCode = code;
    }

    @Override
    public void onError(Exception error) {
        closeReason = String.valueOf(error.getMessage());
    }
}
