package dev.agentcommander.server.console;

import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One session's console as agentd streams it under one agent-side subscription, fanned out to the UI
 * subscriptions watching it. Keeps the stream's last snapshot and the chunks since, so a late UI subscriber
 * gets a repaint and the same bytes as the others. Guarded by its own monitor, held while it sends, so every
 * subscriber sees one order.
 */
final class ConsoleStream {
    /** Past this many base64 characters since the last snapshot, a late joiner needs a fresh snapshot instead. */
    static final int MAX_BUFFERED_CHARS = 1024 * 1024;
    /** Full reset (RIS): a repaint starts from a clean screen. */
    private static final String RESET = "\u001bc";

    /**
     * A UI subscription and where its messages go. Its offsets count the bytes this subscriber was sent, repaints
     * included, so its stream has no holes but the agent's own gaps; {@code shift} maps an agent offset onto it.
     * Guarded by the stream's monitor.
     */
    static final class Sink {
        final String subscriptionId;
        final Consumer<Envelope> out;
        private long position;
        private Long shift;

        Sink(String subscriptionId, Consumer<Envelope> out) {
            this.subscriptionId = subscriptionId;
            this.out = out;
        }
    }

    final String sessionId;
    final String hostId;
    private String agentSubscriptionId;
    private final Set<Sink> sinks = new LinkedHashSet<>();
    private SessionsSnapshot snapshot;
    private final List<ConsoleChunk> buffered = new ArrayList<>();
    private int bufferedChars;
    /** The agent offset the next chunk should start at, once known. */
    private Long agentNext;

    ConsoleStream(String sessionId, String hostId, String agentSubscriptionId) {
        this.sessionId = sessionId;
        this.hostId = hostId;
        this.agentSubscriptionId = agentSubscriptionId;
    }

    synchronized String agentSubscriptionId() {
        return agentSubscriptionId;
    }

    synchronized void renew(String newAgentSubscriptionId) {
        agentSubscriptionId = newAgentSubscriptionId;
        agentNext = null;
        snapshot = null;
        buffered.clear();
        bufferedChars = 0;
    }

    /**
     * Adds a sink and catches it up: the stream's snapshot and the chunks since, else {@code stored} (may be null).
     *
     * @return whether the catch-up was complete; if not the stream should be renewed to get a fresh snapshot
     */
    synchronized boolean add(Sink sink, SessionsSnapshot stored) {
        sinks.add(sink);
        if (snapshot != null) {
            sink.out.accept(repaint(sink, snapshot));
            buffered.forEach(chunk -> sink.out.accept(relayed(sink, chunk)));
            return true;
        }
        if (stored != null) {
            sink.out.accept(repaint(sink, stored));
        }
        return false;
    }

    /** @return whether no sink is left */
    synchronized boolean remove(Sink sink) {
        sinks.remove(sink);
        return sinks.isEmpty();
    }

    synchronized boolean isEmpty() {
        return sinks.isEmpty();
    }

    /** @return whether the chunk left a gap in the agent's stream (bytes were lost: a fresh snapshot heals it) */
    synchronized boolean chunk(ConsoleChunk chunk) {
        boolean gap = agentNext != null && chunk.offset() > agentNext;
        agentNext = Math.max(agentNext == null ? 0 : agentNext, chunk.offset() + decodedLength(chunk.data()));
        if (snapshot != null) {
            bufferedChars += chunk.data().length();
            if (bufferedChars > MAX_BUFFERED_CHARS) {
                snapshot = null;
                buffered.clear();
                bufferedChars = 0;
            } else {
                buffered.add(chunk);
            }
        }
        sinks.forEach(sink -> sink.out.accept(relayed(sink, chunk)));
        return gap;
    }

    synchronized void snapshot(SessionsSnapshot fresh) {
        snapshot = fresh;
        agentNext = fresh.offset() == null ? null : fresh.offset();
        buffered.clear();
        bufferedChars = 0;
        sinks.forEach(sink -> sink.out.accept(repaint(sink, fresh)));
    }

    /** A raw chunk at the subscriber's offsets: the agent's offset shifted onto what this subscriber was sent. */
    private Envelope relayed(Sink sink, ConsoleChunk chunk) {
        if (sink.shift == null) {
            sink.shift = sink.position - chunk.offset();
        }
        long offset = Math.max(0, chunk.offset() + sink.shift);
        sink.position = Math.max(sink.position, offset + decodedLength(chunk.data()));
        return Envelope.live(new ConsoleChunk(sink.subscriptionId, sessionId, offset, chunk.data()));
    }

    /**
     * A snapshot for a terminal: reset, then the captured lines with CR LF. It takes its place in the subscriber's
     * stream like any bytes, and the agent's chunks from the snapshot's offset follow right after it.
     */
    private Envelope repaint(Sink sink, SessionsSnapshot shot) {
        String screen = RESET + shot.content().replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] bytes = screen.getBytes(StandardCharsets.UTF_8);
        long offset = sink.position;
        sink.position += bytes.length;
        long agentOffset = shot.offset() == null ? 0 : shot.offset();
        sink.shift = sink.position - agentOffset;
        return Envelope.live(new ConsoleChunk(sink.subscriptionId, sessionId, offset,
                Base64.getEncoder().encodeToString(bytes)));
    }

    private static long decodedLength(String base64) {
        int length = base64.length();
        int padding = length > 0 && base64.charAt(length - 1) == '=' ? (length > 1 && base64.charAt(length - 2) == '='
                ? 2 : 1) : 0;
        return (long) length / 4 * 3 - padding;
    }
}
