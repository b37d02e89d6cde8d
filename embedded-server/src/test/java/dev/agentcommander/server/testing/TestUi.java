package dev.agentcommander.server.testing;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.ui.SessionsChanged;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A UI client on {@code /v1/ui/ws} that records what it receives. */
public final class TestUi extends WebSocketClient {
    private final WireCodec codec = new WireCodec();
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private volatile Integer closeCode;
    private volatile String closeReason;

    private TestUi(URI uri) {
        super(uri);
    }

    public static TestUi connect(String url, String token) {
        String full = token == null ? url : url + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        TestUi ui = new TestUi(URI.create(full));
        try {
            ui.connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ui;
    }

    public void send(Message message) {
        send(codec.encode(Envelope.live(message)));
    }

    public List<SessionsChanged> sessionsChanged(String subscriptionId) {
        return received.stream().filter(e -> e.payload() instanceof SessionsChanged changed
                        && changed.subscriptionId().equals(subscriptionId))
                .map(e -> (SessionsChanged) e.payload()).toList();
    }

    /** Waits until {@code count} {@code sessions.changed} of the subscription arrived; returns them all. */
    public List<SessionsChanged> awaitSessionsChanged(String subscriptionId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsChanged(subscriptionId).size() >= count);
        return sessionsChanged(subscriptionId);
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

    public List<Envelope> received() {
        return List.copyOf(received);
    }

    public Integer closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
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
