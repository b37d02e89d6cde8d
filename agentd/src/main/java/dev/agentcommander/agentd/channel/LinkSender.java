package dev.agentcommander.agentd.channel;

import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.AgentHello;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends on the current connection, in this order: every message unacked when it opened (seq order), then
 * {@code agent.hello}, then new durable messages and live messages as they come. At most {@link #WINDOW} durable
 * messages are in flight unacked, so a long backlog never piles up in memory. Acks are applied to the outbox here,
 * coalesced. When sent messages get no ack for the ack timeout, the connection is dropped (the link reconnects and
 * they are resent). Owns the thread "agentd-link-sender"; the other methods are thread-safe.
 */
final class LinkSender {
    static final int WINDOW = 256;
    static final int MAX_LIVE_QUEUE = 1024;
    /** The control plane acks the stored seq right after the upgrade; waiting for it avoids resending stored ones. */
    private static final long INITIAL_ACK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(LinkSender.class);

    private final Outbox outbox;
    private final WireCodec codec;
    private final LongFunction<AgentHello> helloForAckedSeq;
    private final long ackTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong receivedAck = new AtomicLong(-1);
    private final ConcurrentLinkedQueue<String> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveSize = new AtomicInteger();
    private final LogThrottle storageWarnings = new LogThrottle(LOG, Duration.ofMinutes(1));
    private final Thread thread;
    private volatile Connection connection;
    private volatile boolean running = true;
    private boolean signalled;

    /** Per-connection progress; touched only by the sender thread (besides construction). */
    private static final class Connection {
        final LinkSocket socket;
        final long resendUpTo;
        final long openedAtNanos = System.nanoTime();
        long sentUpTo;
        boolean helloSent;
        /** When the wait for an ack of what is outstanding began (or the last ack moved); 0 = nothing outstanding. */
        long ackWaitSinceNanos;
        long ackedAtWaitStart;

        Connection(LinkSocket socket, long resendUpTo) {
            this.socket = socket;
            this.resendUpTo = resendUpTo;
        }
    }

    LinkSender(Outbox outbox, WireCodec codec, LongFunction<AgentHello> helloForAckedSeq, Duration ackTimeout) {
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.outbox = outbox;
        this.codec = codec;
        this.helloForAckedSeq = helloForAckedSeq;
        this.thread = new Thread(this::run, "agentd-link-sender");
        this.thread.setDaemon(true);
        outbox.addAppendListener(this::wake);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void connected(LinkSocket socket) {
        connection = new Connection(socket, outbox.lastAssigned());
        wake();
    }

    void disconnected(LinkSocket socket) {
        Connection current = connection;
        if (current != null && current.socket == socket) {
            connection = null;
            // Live messages belong to a connection; the next one starts from fresh state.
            live.clear();
            liveSize.set(0);
        }
    }

    void acked(long seq) {
        receivedAck.accumulateAndGet(seq, Math::max);
        wake();
    }

    /** Queues a live (not durable) frame for the current connection; false when there is none or it is backed up. */
    boolean sendLive(String frame) {
        Connection current = connection;
        if (current == null || !current.socket.isOpen()) {
            return false;
        }
        if (liveSize.incrementAndGet() > MAX_LIVE_QUEUE) {
            liveSize.decrementAndGet();
            return false;
        }
        live.add(frame);
        wake();
        return true;
    }

    private void wake() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            long waitNanos = TimeUnit.SECONDS.toNanos(1);
            try {
                Connection current = connection;
                // read the flag before applying acks: the first ack is recorded before the flag is set
                boolean initialAckSeen = current != null && current.socket.acked();
                applyAck();
                if (current != null && current.socket.isOpen() && ackOverdue(current)) {
                    LOG.warn("no agent.ack from the control plane for {} s with seqs {}..{} sent; reconnecting to "
                            + "resend them", TimeUnit.NANOSECONDS.toSeconds(ackTimeoutNanos), outbox.lastAcked() + 1,
                            current.sentUpTo);
                    current.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no ack within "
                            + TimeUnit.NANOSECONDS.toSeconds(ackTimeoutNanos) + " s");
                } else if (current != null && current.socket.isOpen()) {
                    long initialAckWait = INITIAL_ACK_WAIT_NANOS - (System.nanoTime() - current.openedAtNanos);
                    if (!initialAckSeen && initialAckWait > 0) {
                        waitNanos = initialAckWait;
                    } else if (step(current)) {
                        continue;
                    }
                }
            } catch (OutboxException e) {
                storageWarnings.warn("outbox problem while sending; retrying", e);
            } catch (WebsocketNotConnectedException e) {
                LOG.debug("connection closed while sending", e);
            }
            await(waitNanos);
        }
    }

    /**
     * Whether messages sent on this connection have waited longer than the ack timeout with no ack moving: the
     * control plane is stalled or the link is half-open, and only a new connection (which resends them) helps.
     */
    private boolean ackOverdue(Connection current) {
        long acked = outbox.lastAcked();
        long now = System.nanoTime();
        if (current.sentUpTo <= acked) {
            current.ackWaitSinceNanos = 0;
            return false;
        }
        if (current.ackWaitSinceNanos == 0 || current.ackedAtWaitStart != acked) {
            current.ackWaitSinceNanos = now;
            current.ackedAtWaitStart = acked;
            return false;
        }
        return now - current.ackWaitSinceNanos > ackTimeoutNanos;
    }

    /** Sends one frame if one is due; false when there is nothing to do until something changes. */
    private boolean step(Connection current) {
        OptionalLong nextSeq = outbox.nextSeq(current.sentUpTo);
        boolean durableDue = nextSeq.isPresent() && nextSeq.getAsLong() - outbox.lastAcked() <= WINDOW;
        if (!current.helloSent) {
            if (nextSeq.isPresent() && nextSeq.getAsLong() <= current.resendUpTo) {
                return durableDue && sendNext(current);
            }
            current.socket.send(codec.encode(Envelope.live(helloForAckedSeq.apply(outbox.lastAcked()))));
            current.helloSent = true;
            return true;
        }
        if (durableDue) {
            return sendNext(current);
        }
        String frame = live.poll();
        if (frame != null) {
            liveSize.decrementAndGet();
            current.socket.send(frame);
            return true;
        }
        return false;
    }

    /** Sends the next stored message; true also when it was acked meanwhile (the caller just looks again). */
    private boolean sendNext(Connection current) {
        Optional<OutboxEntry> entry = outbox.next(current.sentUpTo);
        if (entry.isPresent()) {
            current.socket.send(entry.get().frame());
            current.sentUpTo = entry.get().seq();
        }
        return true;
    }

    private void applyAck() {
        long ack = receivedAck.get();
        if (ack > outbox.lastAcked()) {
            outbox.ack(ack);
        }
    }

    private void await(long nanos) {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
