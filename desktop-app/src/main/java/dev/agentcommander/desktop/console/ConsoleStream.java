package dev.agentcommander.desktop.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.desktop.client.UiSocket;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.ui.Topic;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's live console on the UI socket ({@code console} topic): plays the subscription's byte stream
 * (repaints, then chunks by offset) into a sink and skips bytes it already played. A gap (bytes lost on the agent's
 * link, or dropped by this client while the UI thread was behind) and a sink that cannot keep up both renew the
 * subscription, so the view repaints instead of showing a broken or late screen. Only subscribed while open: {@link #close} unsubscribes. UI thread only.
 */
public final class ConsoleStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStream.class);

    /** Where the stream's bytes go, in order. */
    public interface Sink {
        /** A new subscription starts: its first bytes are a repaint (ESC c and the screen). */
        void restart();

        void bytes(byte[] data);

        /** The control plane refused something about this stream (an unknown session, input not allowed). */
        void problem(String code, String message);
    }

    private final UiSocket socket;
    private final String sessionId;
    private final Sink sink;
    private final Consumer<String> onState;
    private String subscriptionId;
    private long expected;
    private long received;
    private long gaps;

    public ConsoleStream(UiSocket socket, String sessionId, Sink sink, Consumer<String> onState) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.sink = sink;
        this.onState = onState;
    }

    public void open() {
        if (subscriptionId != null) {
            return;
        }
        ObjectNode filter = JsonNodeFactory.instance.objectNode().put("session_id", sessionId);
        subscriptionId = socket.subscribe(Topic.CONSOLE, filter, this::received);
        onState.accept("connecting");
    }

    /** Starts over with a fresh subscription: the control plane answers with a repaint. */
    public void renew() {
        LOG.debug("Renewing the console subscription of {}", sessionId);
        close();
        open();
    }

    public boolean isOpen() {
        return subscriptionId != null;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The subscription id the control plane knows this stream by (input is addressed with it). */
    public String subscriptionId() {
        return subscriptionId;
    }

    public long receivedBytes() {
        return received;
    }

    public long gaps() {
        return gaps;
    }

    @Override
    public void close() {
        if (subscriptionId != null) {
            socket.unsubscribe(subscriptionId);
            subscriptionId = null;
            onState.accept("closed");
        }
    }

    private void received(ControlToUi message, boolean initial) {
        if (message instanceof ErrorMessage error && error.subscriptionId().equals(subscriptionId)) {
            sink.problem(error.code(), error.message());
            return;
        }
        // A renewed stream's old subscription may still have messages on their way here: they are not ours.
        if (!(message instanceof ConsoleChunk chunk) || !chunk.subscriptionId().equals(subscriptionId)) {
            return;
        }
        if (initial || chunk.offset() == 0) {
            expected = 0;
            sink.restart();
            onState.accept("live");
        }
        byte[] data = Base64.getDecoder().decode(chunk.data());
        long offset = chunk.offset();
        if (offset > expected) {
            // lost on the way (the agent's link, or this client's queue for the UI thread): start over, repainted
            gaps++;
            LOG.debug("Console of {} has a gap of {} bytes; renewing it for a repaint", sessionId, offset - expected);
            renew();
            return;
        }
        int skip = (int) Math.min(data.length, Math.max(0, expected - offset));
        if (skip == data.length) {
            return;
        }
        byte[] fresh = skip == 0 ? data : Arrays.copyOfRange(data, skip, data.length);
        expected = offset + data.length;
        received += fresh.length;
        sink.bytes(fresh);
    }
}
