package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.server.approval.ApprovalDao;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.command.CommandDao;
import dev.agentcommander.server.command.StoredCommand;
import dev.agentcommander.server.event.EventDao;
import dev.agentcommander.server.host.HostCursor;
import dev.agentcommander.server.host.HostDao;
import dev.agentcommander.server.session.SessionColumns;
import dev.agentcommander.server.session.SessionDao;
import dev.agentcommander.server.session.SessionOwner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactions of the agent link. Each batch of durable frames is one transaction that locks the host
 * row, skips frames at or below {@code last_acked_seq}, writes the rest and moves {@code last_acked_seq}, so a
 * frame and its seq are stored together or not at all. Stateless and thread-safe; the host row lock
 * serialises the batches of one host.
 */
final class DurableApplier {
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
            HostDao hosts = handle.attach(HostDao.class);
            HostCursor cursor = hosts.lockCursor(hostId)
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
        jdbi.useExtension(HostDao.class, hosts -> hosts.touch(hostId, clock.instant()));
    }

    /**
     * Applies one batch of frames, in seq order, in one transaction.
     *
     * @param cachedOwned sessions known to belong to the host (id → created_at); read only
     * @throws StaleStreamException when the host's stream is no longer {@code streamId}
     */
    Applied apply(String hostId, String streamId, Map<String, Instant> cachedOwned, List<Inbound> batch) {
        return jdbi.inTransaction(handle -> applyIn(handle, new HostBatch(hostId, streamId, cachedOwned, batch)));
    }

    /** The frames of one host, for {@link #applyAll}. */
    record HostBatch(String hostId, String streamId, Map<String, Instant> cachedOwned, List<Inbound> frames) {
    }

    /**
     * Applies the batches of several hosts in one transaction (one commit for all), each as {@link #apply} would;
     * the results are in the order given. Any failure rolls all of them back: the caller then applies them one
     * by one. The hosts are distinct, so two such transactions never wait for each other's rows.
     */
    List<Applied> applyAll(List<HostBatch> batches) {
        return jdbi.inTransaction(handle -> {
            List<Applied> results = new ArrayList<>(batches.size());
            for (HostBatch batch : batches) {
                results.add(applyIn(handle, batch));
            }
            return results;
        });
    }

    private Applied applyIn(Handle handle, HostBatch hostBatch) {
        String hostId = hostBatch.hostId();
        Map<String, Instant> cachedOwned = hostBatch.cachedOwned();
        // one attach per DAO and host batch: attaching was ~a quarter of the apply CPU in a profile
        HostDao hosts = handle.attach(HostDao.class);
        long cursor = lockCursor(hosts, hostId, hostBatch.streamId());
        long highest = 0;
        List<Inbound> fresh = new ArrayList<>();
        for (Inbound inbound : hostBatch.frames()) {
            highest = Math.max(highest, inbound.seq());
            if (inbound.seq() > cursor) {
                fresh.add(inbound);
                cursor = inbound.seq();
            }
        }
        if (fresh.isEmpty()) {
            return Applied.nothingNew(highest);
        }
        Instant now = clock.instant();
        Set<String> unknown = BatchPlan.sessionIds(fresh);
        unknown.removeAll(cachedOwned.keySet());
        BatchPlan plan = new BatchPlan(hostId, cachedOwned, owners(handle, unknown),
                commands(handle, BatchPlan.commandIds(fresh)), now, codec);
        fresh.forEach(plan::add);
        write(handle, plan);
        hosts.advance(hostId, cursor, now);
        return plan.result(highest, touchedApprovals(handle, plan));
    }

    /** Moves the cursor past a frame that cannot be stored, storing nothing of it. */
    void skip(String hostId, String streamId, long seq) {
        jdbi.useTransaction(handle -> {
            HostDao hosts = handle.attach(HostDao.class);
            if (seq > lockCursor(hosts, hostId, streamId)) {
                hosts.advance(hostId, seq, clock.instant());
            }
        });
    }

    private static long lockCursor(HostDao hosts, String hostId, String streamId) {
        HostCursor cursor = hosts.lockCursor(hostId)
                .orElseThrow(() -> new StaleStreamException("host " + hostId + " no longer exists"));
        if (!streamId.equals(cursor.agentStreamId())) {
            throw new StaleStreamException("host " + hostId + " is now on agentd stream " + cursor.agentStreamId());
        }
        return cursor.lastAckedSeq();
    }

    private static Map<String, SessionOwner> owners(Handle handle, Set<String> sessionIds) {
        Map<String, SessionOwner> owners = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return owners;
        }
        SessionDao sessions = handle.attach(SessionDao.class);
        List<String> ids = List.copyOf(sessionIds);
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            for (SessionOwner owner : sessions.owners(ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY)))) {
                owners.put(owner.sessionId(), owner);
            }
        }
        return owners;
    }

    private static Map<String, StoredCommand> commands(Handle handle, Set<String> commandIds) {
        Map<String, StoredCommand> commands = new HashMap<>();
        if (commandIds.isEmpty()) {
            return commands;
        }
        CommandDao commandDao = handle.attach(CommandDao.class);
        List<String> ids = List.copyOf(commandIds);
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            for (StoredCommand command : commandDao
                    .findAll(ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY)))) {
                commands.put(command.commandId(), command);
            }
        }
        return commands;
    }

    /** The approvals the batch created or closed, as they stand in this transaction. */
    private List<ApprovalRow> touchedApprovals(Handle handle, BatchPlan plan) {
        List<String> ids = List.copyOf(plan.touchedApprovals());
        List<ApprovalRow> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        ApprovalDao approvalDao = handle.attach(ApprovalDao.class);
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            approvalDao.findAll(ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY)))
                    .forEach(stored -> rows.add(approvals.toRow(stored)));
        }
        return rows;
    }

    private static void write(Handle handle, BatchPlan plan) {
        List<SessionColumns> inserts = plan.inserts();
        List<SessionColumns> updates = plan.updates();
        if (!inserts.isEmpty() || !updates.isEmpty()) {
            writeSessions(handle.attach(SessionDao.class), inserts, updates);
        }
        if (!plan.events().isEmpty()) {
            handle.attach(EventDao.class).insert(plan.events());
        }
        if (!plan.approvals().isEmpty() || !plan.closes().isEmpty()) {
            ApprovalDao approvalDao = handle.attach(ApprovalDao.class);
            if (!plan.approvals().isEmpty()) {
                approvalDao.insert(plan.approvals());
            }
            if (!plan.closes().isEmpty()) {
                approvalDao.close(plan.closes());
                approvalDao.settle(plan.closes());
            }
        }
        if (!plan.completions().isEmpty()) {
            handle.attach(CommandDao.class).complete(plan.completions());
        }
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
