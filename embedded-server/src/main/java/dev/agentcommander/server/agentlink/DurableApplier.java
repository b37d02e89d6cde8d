package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.server.approval.ApprovalDao;
import dev.agentcommander.server.approval.ApprovalClose;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.approval.StoredApproval;
import dev.agentcommander.server.approval.NewApproval;
import dev.agentcommander.server.command.CommandCompletion;
import dev.agentcommander.server.command.CommandDao;
import dev.agentcommander.server.command.StoredCommand;
import dev.agentcommander.server.db.SqlStates;
import dev.agentcommander.server.event.EventDao;
import dev.agentcommander.server.event.NewEvent;
import dev.agentcommander.server.host.HostCursor;
import dev.agentcommander.server.host.HostCursorDao;
import dev.agentcommander.server.session.SessionColumns;
import dev.agentcommander.server.session.SessionDao;
import dev.agentcommander.server.session.SessionOwner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactions of the agent link. Each batch of durable frames is one transaction that locks the host
 * row, skips frames at or below {@code last_acked_seq}, refuses those too far above it, writes the rest and moves
 * {@code last_acked_seq}, so a frame and its seq are stored together or not at all. Stateless and thread-safe; the host row lock
 * serialises the batches of one host.
 */
final class DurableApplier {
    /**
     * How far a seq may skip ahead of {@code last_acked_seq}: agentd numbers its messages one by one and only skips
     * the ones its outbox lost to disk corruption, never this many. A frame beyond is refused and not acked, so one
     * absurd seq (say 2^63-1) cannot move the cursor past every seq the host will ever send.
     */
    static final long MAX_SEQ_GAP = 1_000_000;
    private static final int MAX_IDS_PER_QUERY = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final WireCodec codec;
    private final Approvals approvals;

    DurableApplier(Jdbi jdbi, Clock clock, WireCodec codec, Approvals approvals) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.codec = codec;
        this.approvals = approvals;
    }

    /**
     * Starts a connection: a stream id other than the stored one means agentd lost its state and restarts its
     * seqs at 1, so the cursor goes back to 0.
     *
     * @return the host's {@code last_acked_seq}, for the first ack
     */
    long open(String hostId, String streamId) {
        return jdbi.inTransaction(handle -> {
            HostCursorDao hosts = handle.attach(HostCursorDao.class);
            HostCursor cursor = hosts.lockCursors(List.of(hostId)).stream().findFirst()
                    .orElseThrow(() -> new StaleStreamException("host " + hostId + " no longer exists"));
            Instant now = clock.instant();
            if (!streamId.equals(cursor.agentStreamId())) {
                hosts.resetStream(hostId, streamId, now);
                return 0L;
            }
            hosts.touch(hostId, now);
            return cursor.lastAckedSeq();
        });
    }

    /** Marks the host last seen now (its connection closed). */
    void touch(String hostId) {
        jdbi.useExtension(HostCursorDao.class, hosts -> hosts.touch(hostId, clock.instant()));
    }

    /**
     * Applies one batch of frames, in seq order, in one transaction.
     *
     * @param cachedOwned sessions known to belong to the host (id → created_at); read only
     * @throws StaleStreamException when the host's stream is no longer {@code streamId}
     */
    Applied apply(String hostId, String streamId, Map<String, Instant> cachedOwned, List<Inbound> batch) {
        return applyAll(List.of(new HostBatch(hostId, streamId, cachedOwned, batch))).get(0);
    }

    /** The frames of one host, for {@link #applyAll}. */
    record HostBatch(String hostId, String streamId, Map<String, Instant> cachedOwned, List<Inbound> frames) {
    }

    /**
     * Applies the batches of several hosts in one transaction (one commit for all), each as {@link #apply} would;
     * the results are in the order given. The statements are shared too: one cursor lock, one ownership query, one
     * insert of all events and so on, whatever the number of hosts. Any failure rolls all of them back: the caller
     * then applies them one by one. The hosts are distinct, so two such transactions never wait for each other's
     * rows.
     */
    List<Applied> applyAll(List<HostBatch> batches) {
        return jdbi.inTransaction(handle -> applyIn(handle, batches));
    }

    private List<Applied> applyIn(Handle handle, List<HostBatch> batches) {
        HostCursorDao hosts = handle.attach(HostCursorDao.class);
        Map<String, Long> cursors = lockCursors(hosts, batches);
        List<List<Inbound>> fresh = new ArrayList<>(batches.size());
        List<List<ErrorMessage>> tooFarAhead = new ArrayList<>(batches.size());
        List<Long> acks = new ArrayList<>(batches.size());
        Set<String> unknownSessions = new LinkedHashSet<>();
        Set<String> commandIds = new LinkedHashSet<>();
        for (HostBatch batch : batches) {
            long cursor = cursors.get(batch.hostId());
            long ack = 0; // the highest seq taken, stored now or before; the cursor if none
            List<Inbound> newer = new ArrayList<>();
            List<ErrorMessage> ahead = new ArrayList<>();
            for (Inbound inbound : batch.frames()) {
                if (inbound.seq() - cursor > MAX_SEQ_GAP) {
                    ahead.add(new ErrorMessage("seq_gap", "seq " + inbound.seq() + " is more than " + MAX_SEQ_GAP
                            + " ahead of the next expected seq " + (cursor + 1) + "; not stored and not acked", null,
                            inbound.seq()));
                    continue;
                }
                ack = Math.max(ack, inbound.seq());
                if (inbound.seq() > cursor) {
                    newer.add(inbound);
                    cursor = inbound.seq();
                }
            }
            fresh.add(newer);
            tooFarAhead.add(ahead);
            acks.add(ack == 0 ? cursor : ack);
            for (String sessionId : BatchPlan.sessionIds(newer)) {
                if (!batch.cachedOwned().containsKey(sessionId)) {
                    unknownSessions.add(sessionId);
                }
            }
            commandIds.addAll(BatchPlan.commandIds(newer));
        }
        Instant now = clock.instant();
        Map<String, SessionOwner> stored = owners(handle, unknownSessions);
        Map<String, StoredCommand> commands = commands(handle, commandIds);
        List<BatchPlan> plans = new ArrayList<>(batches.size());
        List<String> advancedHosts = new ArrayList<>();
        List<Long> advancedSeqs = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            HostBatch batch = batches.get(i);
            List<Inbound> newer = fresh.get(i);
            if (newer.isEmpty()) {
                plans.add(null);
                continue;
            }
            BatchPlan plan = new BatchPlan(batch.hostId(), batch.streamId(), batch.cachedOwned(), stored, commands, now,
                    codec);
            newer.forEach(plan::add);
            plan.claimNewSessions(stored); // a later host of this transaction finds them taken, as if stored
            plans.add(plan);
            advancedHosts.add(batch.hostId());
            advancedSeqs.add(newer.get(newer.size() - 1).seq());
        }
        List<BatchPlan> planned = plans.stream().filter(Objects::nonNull).toList();
        if (!planned.isEmpty()) {
            write(handle, planned);
            hosts.advance(advancedHosts, advancedSeqs, now);
        }
        Map<String, ApprovalRow> approvalRows = touchedApprovals(handle, planned);
        List<Applied> results = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            BatchPlan plan = plans.get(i);
            Applied applied = plan == null ? Applied.nothingNew(acks.get(i)) : plan.result(acks.get(i),
                    plan.touchedApprovals().stream().map(approvalRows::get).filter(Objects::nonNull).toList());
            results.add(applied.withErrors(tooFarAhead.get(i)));
        }
        return results;
    }

    /**
     * Moves the cursor past a frame that cannot be stored, storing nothing of it but its row in
     * {@code refused_frames}; should even that row be refused, the cursor moves without it.
     */
    void park(String hostId, String streamId, long seq, String code, String reason, String text) {
        RefusedFrame frame = new RefusedFrame(hostId, streamId, seq, code, reason, text, clock.instant());
        try {
            skip(frame, true);
        } catch (RuntimeException e) {
            if (!SqlStates.isBadData(e)) {
                throw e;
            }
            skip(frame, false);
        }
    }

    private void skip(RefusedFrame frame, boolean keepRow) {
        jdbi.useTransaction(handle -> {
            HostCursorDao hosts = handle.attach(HostCursorDao.class);
            HostBatch cursorOnly = new HostBatch(frame.hostId(), frame.streamId(), Map.of(), List.of());
            if (frame.seq() > lockCursors(hosts, List.of(cursorOnly)).get(frame.hostId())) {
                if (keepRow) {
                    handle.attach(RefusedFrameDao.class).insert(List.of(frame));
                }
                hosts.advance(List.of(frame.hostId()), List.of(frame.seq()), clock.instant());
            }
        });
    }

    /**
     * Locks the hosts' rows; returns each host's {@code last_acked_seq}.
     *
     * @throws StaleStreamException when a host is gone or on another agentd stream than its batch
     */
    private static Map<String, Long> lockCursors(HostCursorDao hosts, List<HostBatch> batches) {
        Map<String, HostCursor> locked = new HashMap<>();
        for (HostCursor cursor : inChunks(batches.stream().map(HostBatch::hostId).toList(), hosts::lockCursors)) {
            locked.put(cursor.hostId(), cursor);
        }
        Map<String, Long> cursors = new HashMap<>();
        for (HostBatch batch : batches) {
            HostCursor cursor = locked.get(batch.hostId());
            if (cursor == null) {
                throw new StaleStreamException("host " + batch.hostId() + " no longer exists");
            }
            if (!batch.streamId().equals(cursor.agentStreamId())) {
                throw new StaleStreamException("host " + batch.hostId() + " is now on agentd stream "
                        + cursor.agentStreamId());
            }
            cursors.put(batch.hostId(), cursor.lastAckedSeq());
        }
        return cursors;
    }

    private static Map<String, SessionOwner> owners(Handle handle, Set<String> sessionIds) {
        Map<String, SessionOwner> owners = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return owners;
        }
        for (SessionOwner owner : inChunks(sessionIds, handle.attach(SessionDao.class)::owners)) {
            owners.put(owner.sessionId(), owner);
        }
        return owners;
    }

    private static Map<String, StoredCommand> commands(Handle handle, Set<String> commandIds) {
        Map<String, StoredCommand> commands = new HashMap<>();
        if (commandIds.isEmpty()) {
            return commands;
        }
        for (StoredCommand command : inChunks(commandIds, handle.attach(CommandDao.class)::findAll)) {
            commands.put(command.commandId(), command);
        }
        return commands;
    }

    /** The approvals the plans created or closed, as they stand in this transaction, by id. */
    private Map<String, ApprovalRow> touchedApprovals(Handle handle, List<BatchPlan> plans) {
        List<String> ids = plans.stream().flatMap(plan -> plan.touchedApprovals().stream()).distinct().toList();
        Map<String, ApprovalRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        for (StoredApproval stored : inChunks(ids, handle.attach(ApprovalDao.class)::findAll)) {
            rows.put(stored.approvalId(), approvals.toRow(stored));
        }
        return rows;
    }

    /** The rows {@code query} finds for {@code ids}, asking for at most {@link #MAX_IDS_PER_QUERY} ids at a time. */
    private static <R> List<R> inChunks(Collection<String> ids, Function<List<String>, List<R>> query) {
        List<String> all = List.copyOf(ids);
        List<R> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_IDS_PER_QUERY) {
            rows.addAll(query.apply(all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_QUERY))));
        }
        return rows;
    }

    /** The writes of all plans, each kind in one statement (batch), in the plans' order. */
    private static void write(Handle handle, List<BatchPlan> plans) {
        List<SessionColumns> inserts = gather(plans, BatchPlan::inserts);
        List<SessionColumns> updates = gather(plans, BatchPlan::updates);
        if (!inserts.isEmpty() || !updates.isEmpty()) {
            writeSessions(handle.attach(SessionDao.class), inserts, updates);
        }
        List<NewEvent> events = gather(plans, BatchPlan::events);
        if (!events.isEmpty()) {
            handle.attach(EventDao.class).insert(events);
        }
        List<NewApproval> newApprovals = gather(plans, BatchPlan::approvals);
        List<ApprovalClose> closes = gather(plans, BatchPlan::closes);
        if (!newApprovals.isEmpty() || !closes.isEmpty()) {
            ApprovalDao approvalDao = handle.attach(ApprovalDao.class);
            if (!newApprovals.isEmpty()) {
                approvalDao.insert(newApprovals);
            }
            if (!closes.isEmpty()) {
                approvalDao.close(closes);
                approvalDao.settle(closes);
            }
        }
        List<CommandCompletion> completions = gather(plans, BatchPlan::completions);
        if (!completions.isEmpty()) {
            handle.attach(CommandDao.class).complete(completions);
        }
        List<RefusedFrame> refused = gather(plans, BatchPlan::refused);
        if (!refused.isEmpty()) {
            handle.attach(RefusedFrameDao.class).insert(refused);
        }
    }

    private static <T> List<T> gather(List<BatchPlan> plans, Function<BatchPlan, List<T>> part) {
        if (plans.size() == 1) {
            return part.apply(plans.get(0));
        }
        List<T> all = new ArrayList<>();
        plans.forEach(plan -> all.addAll(part.apply(plan)));
        return all;
    }

    private static void writeSessions(SessionDao sessions, List<SessionColumns> inserts,
            List<SessionColumns> updates) {
        if (!inserts.isEmpty()) {
            sessions.insert(inserts);
        }
        if (!updates.isEmpty()) {
            int[] counts = sessions.update(updates);
            // a row the cache thought stored has gone: store it again
            List<SessionColumns> vanished = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    vanished.add(updates.get(i));
                }
            }
            if (!vanished.isEmpty()) {
                sessions.insert(vanished);
            }
        }
    }
}
