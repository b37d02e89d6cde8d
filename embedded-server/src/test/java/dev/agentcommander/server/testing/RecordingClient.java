package dev.agentcommander.server.testing;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A WebSocket client of the control plane that decodes and records every frame it receives. Thread-safe. */
abstract class RecordingClient extends WebSocketClient {
    protected final WireCodec codec = new WireCodec();
    protected final List<Envelope> received = new CopyOnWriteArrayList<>();
    private volatile Integer closeCode;
    private volatile String closeReason;

    RecordingClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects; when the upgrade fails, {@link #closeReason()} tells why. */
    final void connectOrRecordFailure() {
        try {
            connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Envelope> received() {
        return List.copyOf(received);
    }

    public ErrorMessage awaitError(Predicate<ErrorMessage> matching) {
        await().atMost(Duration.ofSeconds(10)).until(() -> errors().stream().anyMatch(matching));
        return errors().stream().filter(matching).findFirst().orElseThrow();
    }

    public List<ErrorMessage> errors() {
        return payloads(ErrorMessage.class);
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
