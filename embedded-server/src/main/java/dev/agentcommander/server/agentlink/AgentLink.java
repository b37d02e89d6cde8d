package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.server.auth.HostCredential;
import dev.agentcommander.server.db.SqlStates;
import io.javalin.websocket.WsContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agentd connection. The socket thread queues durable frames; one drain at a time (on the shared apply
 * executor) takes a batch, applies it in one transaction (shared with other hosts' waiting batches, see
 * {@link #companions}) and acks the highest seq once the commit returns (a returned commit is in the database's file
 * on both engines, see DatabaseUrl). A full queue blocks the socket thread, which pushes back on agentd through TCP.
 * Thread-safe: the queue and flags are concurrent, the session cache is guarded by {@code applyLock}.
 */
final class AgentLink {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);
    private static final int QUEUE_CAPACITY = 1024;
    private static final int MAX_BATCH = 512;

    private final HostCredential credential;
    private final String streamId;
    private final WsContext socket;
    private final WireCodec codec;
    private final DurableApplier applier;
    private final AgentFeeds feeds;
    private final AgentMetrics metrics;
    private final Executor executor;
    private final AgentLinks peers;
    private final int maxCompanions;

    private final BlockingQueue<Inbound> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ReentrantLock applyLock = new ReentrantLock();
    private final Object sendLock = new Object();
    private final Map<String, Instant> ownedSessions = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    AgentLink(HostCredential credential, String streamId, WsContext socket, WireCodec codec, DurableApplier applier,
            AgentFeeds feeds, AgentMetrics metrics, Executor executor, AgentLinks peers,
            int maxCompanions) {
        this.peers = peers;
        this.maxCompanions = maxCompanions;
        this.credential = credential;
        this.streamId = streamId;
        this.socket = socket;
        this.codec = codec;
        this.applier = applier;
        this.feeds = feeds;
        this.metrics = metrics;
        this.executor = executor;
    }

    String hostId() {
        return credential.hostId();
    }

    String tokenId() {
        return credential.tokenId();
    }

    boolean isOpen() {
        return !closed;
    }

    /** Queues a durable frame, blocking while the queue is full; drops it once the link is closed. */
    void enqueue(Inbound inbound) throws InterruptedException {
        while (!closed) {
            if (queue.offer(inbound, 1, TimeUnit.SECONDS)) {
                scheduleIfWaiting();
                return;
            }
        }
    }

    /** @return whether the message was written to the open socket */
    boolean send(Envelope envelope) {
        String text = codec.encode(envelope);
        synchronized (sendLock) {
            if (closed || !socket.session.isOpen()) {
                return false;
            }
            socket.send(text);
        }
        metrics.sent();
        return true;
    }

    void sendAck(long seq) {
        send(Envelope.live(new AgentAck(seq)));
    }

    /** Logs a refused frame; a flood from one connection is logged sparsely. */
    void warnRefused(String what) {
        long count = refused.incrementAndGet();
        if (count <= 10 || count % 1000 == 0) {
            LOG.warn("host {}: {} ({} refused on this connection)", hostId(), what, count);
        }
    }

    /** Closes the socket; frames still queued are dropped (agentd resends what it has no ack for). */
    void close(int code, String reason) {
        closed = true;
        queue.clear();
        if (socket.session.isOpen()) {
            socket.closeSession(code, reason);
        }
    }

    /** Marks the link closed after the socket closed by itself. */
    void closed() {
        closed = true;
        queue.clear();
    }

    /** Waits until no batch of this link is being applied, so a successor reads a final cursor. */
    void awaitIdle() throws InterruptedException {
        if (applyLock.tryLock(30, TimeUnit.SECONDS)) {
            applyLock.unlock();
        } else {
            LOG.warn("host {}: previous connection still applying after 30 s", hostId());
        }
    }

    /**
     * Applies one batch, then gives the apply thread back: if more frames wait, the link queues up again behind
     * the other hosts (a link that kept its thread while its agent keeps sending would starve the others).
     */
    private void drain() {
        if (!applyLock.tryLock()) {
            // taken as another drain's companion: that drain schedules this link again when it lets go
            scheduled.set(false);
            if (!applyLock.isLocked()) {
                scheduleIfWaiting(); // it let go meanwhile, maybe while this drain still counted as scheduled
            }
            return;
        }
        try {
            List<Inbound> batch = new ArrayList<>(MAX_BATCH);
            queue.drainTo(batch, MAX_BATCH);
            if (!batch.isEmpty() && !closed) {
                List<Companion> companions = companions();
                try {
                    if (companions.isEmpty()) {
                        process(batch);
                    } else {
                        processWith(batch, companions);
                    }
                } finally {
                    for (Companion companion : companions) {
                        companion.link().applyLock.unlock();
                        companion.link().scheduleIfWaiting();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("host {}: applying agent frames failed; closing the connection so agentd resends", hostId(), e);
            close(1011, "server error, reconnect");
        } finally {
            applyLock.unlock();
            scheduled.set(false);
            scheduleIfWaiting();
        }
    }

    /** Schedules a drain if frames wait and none is scheduled. */
    private void scheduleIfWaiting() {
        if (!closed && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Another link's waiting frames, taken (with its apply lock held) to share this drain's transaction. */
    private record Companion(AgentLink link, List<Inbound> batch) {
    }

    /**
     * Up to {@code maxCompanions} other links of this node with frames waiting and no drain of their own running:
     * their frames join this transaction, so under load one commit serves many hosts instead of each host waiting
     * for its turn on the apply threads. The links are visited from a rotating start, so no host is always last.
     * Never waits for a lock.
     */
    private List<Companion> companions() {
        List<Companion> companions = new ArrayList<>();
        if (maxCompanions == 0) {
            return companions;
        }
        for (AgentLink other : peers.linksFromNext()) {
            if (companions.size() == maxCompanions) {
                break;
            }
            if (other == this || other.closed || other.queue.isEmpty() || !other.applyLock.tryLock()) {
                continue;
            }
            List<Inbound> frames = new ArrayList<>();
            other.queue.drainTo(frames, MAX_BATCH);
            if (frames.isEmpty() || other.closed) {
                other.applyLock.unlock();
                continue; // its frames, if any, were dropped by close(): agentd resends them
            }
            companions.add(new Companion(other, frames));
        }
        return companions;
    }

    /** This link's batch and its companions' in one transaction; if that fails, each on its own. */
    private void processWith(List<Inbound> batch, List<Companion> companions) {
        List<DurableApplier.HostBatch> batches = new ArrayList<>();
        batches.add(new DurableApplier.HostBatch(hostId(), streamId, ownedSessions, batch));
        List<Inbound> all = new ArrayList<>(batch);
        for (Companion companion : companions) {
            AgentLink link = companion.link();
            batches.add(new DurableApplier.HostBatch(link.hostId(), link.streamId, link.ownedSessions,
                    companion.batch()));
            all.addAll(companion.batch());
        }
        List<Applied> applied;
        long started = System.nanoTime();
        long transactionNanos;
        try {
            applied = applier.applyAll(batches);
            transactionNanos = System.nanoTime() - started;
        } catch (RuntimeException e) {
            LOG.debug("a shared transaction of {} hosts failed; applying each host on its own: {}", batches.size(),
                    e.toString());
            // Companions first: each closes its own link on failure, so its agentd resends what was taken here.
            for (Companion companion : companions) {
                companion.link().processAlone(companion.batch());
            }
            process(batch); // a failure here goes to drain(), which closes this link
            return;
        }
        metrics.applied(all, transactionNanos);
        committed(applied.get(0));
        for (int i = 0; i < companions.size(); i++) {
            companions.get(i).link().committed(applied.get(i + 1));
        }
    }

    /** A companion's batch after the shared transaction failed: a failure here closes that link, not this one. */
    private void processAlone(List<Inbound> batch) {
        try {
            process(batch);
        } catch (RuntimeException e) {
            LOG.error("host {}: applying agent frames failed; closing the connection so agentd resends", hostId(), e);
            close(1011, "server error, reconnect");
        }
    }

    private void process(List<Inbound> batch) {
        Applied applied;
        long started = System.nanoTime();
        try {
            applied = applier.apply(hostId(), streamId, ownedSessions, batch);
        } catch (StaleStreamException e) {
            LOG.info("host {}: {}; closing this connection", hostId(), e.getMessage());
            close(4409, "superseded by a newer agentd stream");
            return;
        } catch (RuntimeException e) {
            if (!SqlStates.isFrameFault(e)) {
                throw e;
            }
            if (batch.size() > 1) {
                // one frame spoils the batch: apply one by one to find it and store the others
                for (Inbound inbound : batch) {
                    if (!closed) {
                        process(List.of(inbound));
                    }
                }
                return;
            }
            refuse(batch.get(0), e);
            return;
        }
        long transactionNanos = System.nanoTime() - started;
        metrics.applied(batch, transactionNanos);
        committed(applied);
    }

    /** Reports and acks a committed batch, then tells the UI; nothing the UI side does can delay or stop the ack. */
    private void committed(Applied applied) {
        ownedSessions.putAll(applied.owned());
        for (ErrorMessage error : applied.errors()) {
            warnRefused("frame seq " + error.seq() + " not (fully) applied: " + error.message());
            send(Envelope.live(error));
        }
        sendAck(applied.ackSeq());
        try {
            feeds.sessions().publish(applied.changed());
            feeds.approvals().publish(applied.approvals());
            feeds.eventSessions().publish(List.copyOf(applied.eventSessions()));
            feeds.hostProgress().accept(hostId());
        } catch (RuntimeException e) {
            LOG.warn("host {}: telling UI clients about stored frames failed: {}", hostId(), e.toString());
        }
    }

    /**
     * A frame that fails alone, every time (bad data, or a fault of ours in applying it): parked in
     * {@code refused_frames} and acked, so it is reported once and blocks nothing after it.
     */
    private void refuse(Inbound inbound, RuntimeException cause) {
        String reason = firstLine(cause);
        warnRefused("frame seq " + inbound.seq() + " cannot be applied, parked in refused_frames and acked: " + reason);
        LOG.debug("host {}: why frame seq {} cannot be applied", hostId(), inbound.seq(), cause);
        String frame = inbound.envelope() == null ? inbound.text() : codec.encode(inbound.envelope());
        applier.park(hostId(), streamId, inbound.seq(), "not_applicable", reason, frame);
        send(Envelope.live(new ErrorMessage("not_applicable", "frame cannot be stored: " + reason, null,
                inbound.seq())));
        sendAck(inbound.seq());
    }

    private static String firstLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
