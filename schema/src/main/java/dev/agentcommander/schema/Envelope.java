package dev.agentcommander.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * The frame on both WebSockets: {@code {"type", "seq", "ts", "payload"}}. {@code seq} is set on durable
 * agent messages only; {@code ts} is UTC.
 */
public record Envelope(MessageType type, Long seq, Instant ts, Message payload) {
    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(payload, "payload");
        if (payload.messageType() != type) {
            throw new IllegalArgumentException("payload " + payload.getClass().getSimpleName()
                    + " does not match type " + type.wireName());
        }
        if (type.durable() && seq == null) {
            throw new IllegalArgumentException(type.wireName() + " is durable and needs a seq");
        }
        if (seq != null && seq <= 0) {
            throw new IllegalArgumentException("seq must be positive, was " + seq);
        }
    }

    /** A message without seq (hello, acks, commands, console chunks, UI traffic). */
    public static Envelope live(Message payload) {
        return new Envelope(payload.messageType(), null, Instant.now(), payload);
    }

    /** A durable agent message with its outbox seq. */
    public static Envelope durable(long seq, Message payload) {
        return new Envelope(payload.messageType(), seq, Instant.now(), payload);
    }

    public <T extends Message> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
