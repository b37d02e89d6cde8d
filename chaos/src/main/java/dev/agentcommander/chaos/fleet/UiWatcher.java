package dev.agentcommander.chaos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UI WebSocket client with one subscription, counting the frames it is sent by type and keeping the codes of the
 * {@code error} frames in the order they came. Thread-safe.
 */
public final class UiWatcher implements WebSocket.Listener, AutoCloseable {
    private final ObjectMapper json;
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private final List<String> errorCodes = new CopyOnWriteArrayList<>();
    private final WholeTexts texts = new WholeTexts(this::read);
    private final WebSocket socket;
    private volatile boolean closed;

    /** Subscribes to {@code topic} with {@code filter}, e.g. {@code console} and {@code {session_id}}. */
    public UiWatcher(int port, String token, String topic, Map<String, String> filter, ObjectMapper json)
            throws Exception {
        this.json = json;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ui/ws?token=" + token), this)
                .get(20, TimeUnit.SECONDS);
        var subscribe = json.createObjectNode().put("type", "subscribe").put("ts", Instant.now().toString());
        ObjectNode filterNode = subscribe.putObject("payload").put("subscription_id", "chaos-" + topic)
                .put("topic", topic).putObject("filter");
        filter.forEach(filterNode::put);
        socket.sendText(subscribe.toString(), true).get(10, TimeUnit.SECONDS);
    }

    /** Frames of {@code type} (e.g. {@code console.chunk}) received so far. */
    public long count(String type) {
        AtomicLong count = frames.get(type);
        return count == null ? 0 : count.get();
    }

    /** The {@code code} of every {@code error} frame received, oldest first. */
    public List<String> errorCodes() {
        return List.copyOf(errorCodes);
    }

    /** Whether the server closed the socket or it failed. */
    public boolean closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        texts.add(data, last);
        webSocket.request(1);
        return null;
    }

    private void read(String text) {
        try {
            JsonNode frame = json.readTree(text);
            String type = frame.path("type").asText();
            frames.computeIfAbsent(type, key -> new AtomicLong()).incrementAndGet();
            if ("error".equals(type)) {
                errorCodes.add(frame.path("payload").path("code").asText());
            }
        } catch (java.io.IOException e) {
            // not ours to judge here: the server's frames are checked by its own tests
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
