package dev.agentcommander.chaos.fleet;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A UI socket that subscribes to {@code sessions} with a host filter and answers how many rows the first
 * {@code sessions.changed} held; {@link #rowsOfHost} is called from one thread at a time. Thread-safe.
 */
public final class UiSessionsProbe implements WebSocket.Listener, AutoCloseable {
    private final WireCodec codec;
    private final Map<String, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
    private final WholeTexts texts = new WholeTexts(this::read);
    private final WebSocket socket;
    private int next;

    public UiSessionsProbe(HttpClient client, int port, String token, WireCodec codec) throws Exception {
        this.codec = codec;
        this.socket = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ui/ws?token=" + token), this)
                .get(30, TimeUnit.SECONDS);
    }

    /** Subscribes with {@code {host_id}}, waits for the initial rows, unsubscribes; the number of rows. */
    public int rowsOfHost(String hostId) throws Exception {
        String subscriptionId = "scale-" + (++next);
        CompletableFuture<Integer> rows = new CompletableFuture<>();
        waiting.put(subscriptionId, rows);
        var filter = codec.mapper().createObjectNode().put("host_id", hostId);
        socket.sendText(codec.encode(Envelope.live(new Subscribe(subscriptionId, Topic.SESSIONS, filter))), true)
                .get(30, TimeUnit.SECONDS);
        int count = rows.get(30, TimeUnit.SECONDS);
        socket.sendText(codec.encode(Envelope.live(new Unsubscribe(subscriptionId))), true).get(30, TimeUnit.SECONDS);
        return count;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        texts.add(data, last);
        webSocket.request(1);
        return null;
    }

    private void read(String text) {
        try {
            Envelope envelope = codec.decode(text);
            if (envelope.type() == MessageType.SESSIONS_CHANGED) {
                SessionsChanged changed = envelope.payloadAs(SessionsChanged.class);
                CompletableFuture<Integer> rows = waiting.remove(changed.subscriptionId());
                if (rows != null) {
                    rows.complete(changed.sessions().size());
                }
            }
        } catch (WireFormatException e) {
            waiting.values().forEach(rows -> rows.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
