package dev.agentcommander.chaos.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.chaos.fleet.WholeTexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client (java.net.http) that sends one hostile frame at a time and says how the server answered it:
 * {@code error <code>} (the server's {@code error} frame), {@code close <status>}, or {@code hang} when neither came
 * within 10 s. Frames of other types (acks, the first state of a subscription) are skipped. Used by one thread.
 */
final class SocketProbe implements WebSocket.Listener, AutoCloseable {
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    /** Sending a frame of 16 MiB on a loaded 2-core machine can take a while. */
    private static final Duration SEND_WAIT = Duration.ofSeconds(60);
    private static final String CLOSED = "\u0000closed";

    private final ObjectMapper json;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WholeTexts texts = new WholeTexts(this::read);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile long lastAck = -1;

    private SocketProbe(ObjectMapper json, URI uri, Map<String, String> headers) throws IOException {
        this.json = json;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            this.socket = builder.buildAsync(uri, this).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IOException("no upgrade within 20 s", e);
        }
    }

    static SocketProbe open(ObjectMapper json, URI uri, Map<String, String> headers) throws IOException {
        return new SocketProbe(json, uri, headers);
    }

    /**
     * How the server answers an upgrade that must be refused: {@code upgrade <status>}, or {@code upgrade accepted}
     * (then closed again at once).
     */
    static String refusedUpgrade(ObjectMapper json, URI uri, Map<String, String> headers) {
        try (SocketProbe probe = open(json, uri, headers)) {
            return "upgrade accepted";
        } catch (WebSocketHandshakeException e) {
            return "upgrade " + e.getResponse().statusCode();
        } catch (IOException e) {
            return "upgrade cut: " + e.getClass().getSimpleName();
        }
    }

    /** Waits for the first {@code agent.ack}, which the agent socket sends right after the upgrade. */
    long awaitFirstAck() throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (lastAck < 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return lastAck;
    }

    boolean open() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    /**
     * Sends {@code frame} and waits for the answer to it. After a failed send or no answer the socket is dropped
     * (later answers could no longer be told apart), so the caller opens a new one.
     */
    String answer(String frame) throws InterruptedException {
        try {
            socket.sendText(frame, true).get(SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The server may refuse a frame over its limit before reading it all: then its close is the answer.
            try {
                return "close " + closed.get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException notClosed) {
                socket.abort();
                return "send failed";
            }
        }
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (true) {
            String text = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (text == null) {
                socket.abort();
                return "hang";
            }
            if (text.equals(CLOSED)) {
                return "close " + closed.getNow(-1);
            }
            JsonNode frameIn = parse(text);
            if ("error".equals(frameIn.path("type").asText())) {
                return "error " + frameIn.path("payload").path("code").asText();
            }
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode().put("type", "unparsable");
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        texts.add(data, last);
        webSocket.request(1);
        return null;
    }

    private void read(String text) {
        JsonNode frame = parse(text);
        if ("agent.ack".equals(frame.path("type").asText())) {
            lastAck = Math.max(lastAck, frame.path("payload").path("seq").asLong());
        }
        received.add(text);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        received.add(CLOSED);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        received.add(CLOSED);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
