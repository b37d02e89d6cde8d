package dev.agentcommander.agentd.channel;

import dev.agentcommander.agentd.internal.DurableFiles;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persisted queue of durable messages in {@code <state_dir>/outbox/}: one file per message, written durably
 * before anyone may send it, removed when the control plane acks it (acks are cumulative). The last acked seq is
 * kept in {@code acked-seq}, so seq never restarts while the outbox lives; a new outbox gets a new stream id.
 * Thread-safe: producers append from any thread, the link sender reads and acks.
 */
public final class Outbox implements DurableQueue {
    /** The control plane's limit for one agent frame. */
    public static final int MAX_FRAME_CHARS = 16 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Path dir;
    private final WireCodec codec;
    private final String streamId;
    private final ConcurrentSkipListSet<Long> pending;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile long lastAssigned;
    private volatile long lastAcked;

    private Outbox(Path dir, WireCodec codec, OutboxStore.Recovered recovered) {
        this.dir = dir;
        this.codec = codec;
        this.streamId = recovered.streamId();
        this.pending = new ConcurrentSkipListSet<>(recovered.pending());
        this.lastAcked = recovered.lastAcked();
        this.lastAssigned = recovered.lastAssigned();
    }

    /** Opens (or creates) the outbox of a locked state dir and recovers its seq and unacked messages. */
    public static Outbox open(StateDir stateDir, WireCodec codec) throws OutboxException {
        OutboxStore.Recovered recovered = OutboxStore.recover(stateDir.path());
        LOG.info("outbox {}: stream {}, last acked seq {}, {} unacked", recovered.dir(), recovered.streamId(),
                recovered.lastAcked(), recovered.pending().size());
        return new Outbox(recovered.dir(), codec, recovered);
    }

    /** This outbox's stream id (sent as {@code X-Agentd-Stream}); new whenever seq starts again at 1. */
    public String streamId() {
        return streamId;
    }

    @Override
    public List<Long> appendAll(List<? extends AgentToControl> messages) throws OutboxException {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(messages.size());
        synchronized (lock) {
            List<String> frames = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                long seq = lastAssigned + 1 + i;
                String frame = codec.encode(Envelope.durable(seq, messages.get(i)));
                if (frame.length() > MAX_FRAME_CHARS) {
                    throw new OutboxException("message " + messages.get(i).messageType().wireName() + " is "
                            + frame.length() + " chars, over the frame limit of " + MAX_FRAME_CHARS + "; split it");
                }
                frames.add(frame);
                seqs.add(seq);
            }
            store(seqs, frames);
            lastAssigned += messages.size();
            pending.addAll(seqs);
        }
        appendListeners.forEach(Runnable::run);
        return seqs;
    }

    /**
     * Cumulative ack: every message with seq at most {@code seq} is stored by the control plane. An ack for a
     * seq never issued is a protocol error (logged, ignored); an old ack is a no-op. A file that cannot be deleted
     * stays stored and is dropped at the next start.
     */
    public void ack(long seq) throws OutboxException {
        synchronized (lock) {
            if (seq > lastAssigned) {
                LOG.error("protocol error: control plane acked seq {} but the last seq issued is {} (stream {}); ignored",
                        seq, lastAssigned, streamId);
                return;
            }
            if (seq <= lastAcked) {
                return;
            }
            try {
                // Persist the ack before deleting: the files are then the only record of the highest seq issued.
                DurableFiles.write(dir.resolve(OutboxStore.ACKED_FILE), seq + "\n");
            } catch (IOException e) {
                throw new OutboxException("cannot record ack " + seq + " in " + dir + ": " + e, e);
            }
            lastAcked = seq;
        }
        for (Long done : List.copyOf(pending.headSet(seq, true))) {
            try {
                Files.deleteIfExists(OutboxStore.messageFile(dir, done));
                pending.remove(done);
            } catch (IOException e) {
                LOG.warn("cannot delete acked outbox message {} (deleted at the next start)", done, e);
                pending.remove(done);
            }
        }
    }

    /** The seq of the first unacked message above {@code afterSeq}, without reading it. */
    public OptionalLong nextSeq(long afterSeq) {
        Long seq = pending.higher(Math.max(afterSeq, lastAcked));
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /** The first unacked message with a seq above {@code afterSeq}, in seq order. */
    public Optional<OutboxEntry> next(long afterSeq) throws OutboxException {
        Long seq = pending.higher(Math.max(afterSeq, lastAcked));
        while (seq != null) {
            try {
                return Optional.of(new OutboxEntry(seq, Files.readString(OutboxStore.messageFile(dir, seq),
                        StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                seq = pending.higher(seq); // acked meanwhile
            } catch (IOException e) {
                throw new OutboxException("cannot read outbox message " + seq + " in " + dir + ": " + e, e);
            }
        }
        return Optional.empty();
    }

    public long lastAcked() {
        return lastAcked;
    }

    public long lastAssigned() {
        return lastAssigned;
    }

    /** Seqs stored and not yet acked, ascending. */
    public List<Long> pendingSeqs() {
        return List.copyOf(pending);
    }

    /** Called (on the appending thread) after each successful append. */
    public void addAppendListener(Runnable listener) {
        appendListeners.add(listener);
    }

    private void store(List<Long> seqs, List<String> frames) {
        List<Path> temps = new ArrayList<>();
        List<Path> committed = new ArrayList<>();
        try {
            for (int i = 0; i < seqs.size(); i++) {
                temps.add(DurableFiles.writeTemp(OutboxStore.messageFile(dir, seqs.get(i)), frames.get(i)));
            }
            for (int i = 0; i < seqs.size(); i++) {
                Path target = OutboxStore.messageFile(dir, seqs.get(i));
                DurableFiles.commit(temps.get(i), target);
                committed.add(target);
            }
            // One directory fsync for the whole batch makes all its renames durable.
            DurableFiles.syncDirectory(dir);
        } catch (IOException e) {
            temps.forEach(temp -> DurableFiles.deleteQuietly(temp, e));
            committed.forEach(file -> DurableFiles.deleteQuietly(file, e));
            throw new OutboxException("cannot store " + seqs.size() + " message(s) in outbox " + dir + ": " + e
                    + " (is the disk full or the state dir read-only?)", e);
        }
    }
}
