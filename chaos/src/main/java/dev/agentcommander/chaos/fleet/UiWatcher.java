package dev.agentcommander.chaos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A UI WebSocket client watching one session's console, counting the chunks it is sent. Thread-safe. */
public final class ConsoleWatcher implements WebSocket.Listener, AutoCloseable {
    private final ObjectMapper json;
    private final AtomicLong chunks = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    public ConsoleWatcher(int port, String token, String sessionId, ObjectMapper json) throws Exception {
        this.json = json;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ui/ws?token=" + token), this)
                .get(20, TimeUnit.SECONDS);
        var subscribe = json.createObjectNode().put("type", "subscribe").put("ts", Instant.now().toString());
        subscribe.putObject("payload").put("subscription_id", "chaos-console").put("topic", "console")
                .putObject("filter").put("session_id", sessionId);
        socket.sendText(subscribe.toString(), true).get(10, TimeUnit.SECONDS);
    }

    public long chunks() {
        return chunks.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = json.readTree(partial.toString());
                    if ("console.chunk".equals(frame.path("type").asText())) {
                        chunks.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    // not ours to judge here: the server's frames are checked by its own tests
                }
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
