package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;

/**
 * A durable frame waiting to be applied: either a decoded {@code envelope}, or a {@code rejection} for a frame
 * whose seq could be read but whose content cannot be used ({@code text}: the start of that frame, to park it). A rejected
 * frame is acked all the same (else agentd would resend it forever) and its error goes back to the agent.
 * {@code receivedNanos} (System.nanoTime at arrival) measures the ack lag.
 */
record Inbound(long seq, Envelope envelope, ErrorMessage rejection, String text, long receivedNanos) {
    static Inbound of(Envelope envelope) {
        return new Inbound(envelope.seq(), envelope, null, null, System.nanoTime());
    }

    static Inbound rejected(long seq, String code, String message, String text) {
        return new Inbound(seq, null, new ErrorMessage(code, message, null, seq), RefusedFrame.cut(text),
                System.nanoTime());
    }
}
