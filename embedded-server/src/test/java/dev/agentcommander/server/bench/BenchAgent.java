package dev.agentcommander.server.bench;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One simulated agentd for {@link ReplayBench}, on the JDK's asynchronous WebSocket client: the 50 agents of a run
 * share one selector thread and a small callback pool instead of a reader and a writer thread each, and a frame
 * costs a string concatenation (one encoded {@code events.append} split around its seq), because the clients
 * share the two cores with the server they measure. Sends are chained (the JDK client takes one at a time); acks
 * time every frame up to the acked seq. Thread-safe.
 */
final class BenchAgent implements WebSocket.Listener {
    private static final long SEQ_MARK = 918_273_645_546_372_819L;

    final WireCodec codec = new WireCodec();
    final String hostId;
    final String sessionId;
    /** When each frame was meant to leave (paced) or left (windowed). */
    private final long[] sentAt;
    final long[] latencies;
    /** How late each frame left against its planned time (the sender starved of CPU). */
    final long[] sendLag;
    private final String[] frameParts;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;
    private long acked;
    /** Windowed replay: the next seq to send, the last one, and how many may be unacked (0: not windowed). */
    private long nextSeq;
    private long lastSeq;
    private int window;

    private BenchAgent(HostAccess host, int frames) {
        this.hostId = host.hostId();
        this.sessionId = "bench-" + host.hostId();
        this.sentAt = new long[frames + 1];
        this.latencies = new long[frames + 1];
        this.sendLag = new long[frames + 1];
        String template = codec.encode(Envelope.durable(SEQ_MARK, new EventsAppend(sessionId, "codex.event",
                codec.mapper().createObjectNode().put("n", SEQ_MARK).put("type", "item.completed"))));
        this.frameParts = template.split(String.valueOf(SEQ_MARK), -1);
        if (frameParts.length != 3) {
            throw new IllegalStateException("unexpected frame template: " + template);
        }
    }

    /** Opens the agent socket of {@code host}; {@code frames}: the highest seq it will send. */
    static BenchAgent connect(HttpClient client, URI uri, HostAccess host, int frames) throws Exception {
        BenchAgent agent = new BenchAgent(host, frames);
        WebSocket socket = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + host.token())
                .header("X-Agentd-Stream", "bench")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, agent).get(10, TimeUnit.SECONDS);
        synchronized (agent) {
            agent.socket = socket;
            agent.sending = CompletableFuture.completedFuture(socket);
        }
        return agent;
    }

    /** Queues a text frame behind the ones still being written. */
    synchronized void sendText(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
    }

    /** Sends the {@code events.append} of {@code seq}, meant to leave at {@code plannedNanos}. */
    synchronized void sendEvent(long seq, long plannedNanos) {
        sentAt[(int) seq] = plannedNanos;
        sendLag[(int) seq] = System.nanoTime() - plannedNanos;
        sendText(frameParts[0] + seq + frameParts[1] + seq + frameParts[2]);
    }

    /** Starts sending seqs {@code first..last}, at most {@code window} unacked; each ack tops the window up. */
    synchronized void replayWindowed(long first, long last, int window) {
        this.nextSeq = first;
        this.lastSeq = last;
        this.window = window;
        topUp();
    }

    private void topUp() {
        while (window > 0 && nextSeq <= lastSeq && nextSeq - acked <= window) {
            sendEvent(nextSeq, System.nanoTime());
            nextSeq++;
        }
    }

    synchronized void awaitAcked(long seq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (acked < seq) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException(sessionId + ": no ack for " + seq + " (acked " + acked
                        + (sending.isCompletedExceptionally() ? "; a send failed" : "") + ")");
            }
            wait(left);
        }
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            try {
                if (codec.decode(message).payload() instanceof AgentAck ack) {
                    acked(ack.seq(), System.nanoTime());
                }
            } catch (WireFormatException e) {
                throw new IllegalStateException("undecodable frame: " + message, e);
            }
        }
        webSocket.request(1);
        return null;
    }

    private synchronized void acked(long seq, long now) {
        for (long s = acked + 1; s <= seq && s < sentAt.length; s++) {
            latencies[(int) s] = now - sentAt[(int) s];
        }
        acked = Math.max(acked, seq);
        topUp();
        notifyAll();
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        System.err.println(sessionId + ": " + error);
    }
}
