package dev.agentcommander.chaos.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent connection's durable seqs against the cumulative acks it was sent: each seq must be covered by exactly
 * one ack (an ack at or below the last one is a duplicate), none left uncovered. Thread-safe.
 */
public final class AckTally {
    private final long[] sentNanos;
    private final long[] latencyMicros;
    private long lastSent;
    private long lastAcked;
    private long duplicateAcks;
    private long beyondSent;

    /** For seqs 1..{@code maxSeq}. */
    public AckTally(int maxSeq) {
        this.sentNanos = new long[maxSeq + 1];
        this.latencyMicros = new long[maxSeq + 1];
    }

    /** Called just before the frame with {@code seq} (the next one) is sent. */
    public synchronized void sending(long seq) {
        sentNanos[(int) seq] = System.nanoTime();
        lastSent = seq;
    }

    /** The ack the control plane sends on every upgrade (its stored cursor) is not an ack of a frame: not counted. */
    public synchronized void acked(long seq, boolean connectAck) {
        if (connectAck && seq == lastAcked) {
            return;
        }
        if (seq <= lastAcked) {
            duplicateAcks++;
            return;
        }
        if (seq > lastSent) {
            beyondSent++;
            return;
        }
        long now = System.nanoTime();
        for (long covered = lastAcked + 1; covered <= seq; covered++) {
            latencyMicros[(int) covered] = (now - sentNanos[(int) covered]) / 1_000;
        }
        lastAcked = seq;
    }

    /** The highest seq sent so far. */
    public synchronized long sent() {
        return lastSent;
    }

    public synchronized long acked() {
        return lastAcked;
    }

    public synchronized long missing() {
        return lastSent - lastAcked;
    }

    public synchronized long duplicateAcks() {
        return duplicateAcks;
    }

    /** Acks naming a seq this connection never sent: a protocol error of the control plane. */
    public synchronized long beyondSent() {
        return beyondSent;
    }

    /** Send → ack of every acked seq from {@code firstSeq} on, in seq order, in microseconds. */
    public synchronized List<Long> latencyMicros(long firstSeq) {
        List<Long> latencies = new ArrayList<>();
        for (long seq = Math.max(1, firstSeq); seq <= lastAcked; seq++) {
            latencies.add(latencyMicros[(int) seq]);
        }
        return latencies;
    }
}
