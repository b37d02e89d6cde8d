package dev.agentcommander.server.approval;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.server.api.ConflictException;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.db.JsonColumns;
import dev.agentcommander.server.host.HostChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Approvals: listing, the one decision a pending approval accepts, and its delivery to the agent that asked.
 * A decision is marked delivered once written to an open agent socket; undelivered ones are sent again when
 * the host reconnects (agentd drops repeats by approval_id). Thread-safe.
 */
public final class Approvals {
    private final Jdbi jdbi;
    private final Clock clock;
    private final HostChannel channel;
    private final WireCodec codec;
    private final ChangeBus<ApprovalRow> changes;

    public Approvals(Jdbi jdbi, Clock clock, HostChannel channel, WireCodec codec, ChangeBus<ApprovalRow> changes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.channel = channel;
        this.codec = codec;
        this.changes = changes;
    }

    public Page<ApprovalRow> list(ApprovalQuery query) {
        List<StoredApproval> rows = jdbi.withExtension(ApprovalDao.class, dao -> dao.page(query.pending(),
                query.hostId(), query.sessionId(), query.afterAt(), query.afterId(), query.limit()));
        String next = null;
        if (rows.size() == query.limit()) {
            StoredApproval last = rows.get(rows.size() - 1);
            next = ApprovalQuery.cursor(last.requestedAt(), last.approvalId());
        }
        return new Page<>(rows.stream().map(this::toRow).toList(), next);
    }

    /**
     * Records the decision of {@code decider}, pushes it to the agent and to subscribers.
     *
     * @throws NotFoundException for an unknown approval
     * @throws ConflictException when it was already decided or closed
     */
    public ApprovalRow decide(String approvalId, DecisionRequest request, Principal decider) {
        Instant now = clock.instant();
        String decidedBy = decider.email() != null ? decider.email() : decider.subject();
        StoredApproval stored = jdbi.inTransaction(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            int updated = dao.decide(approvalId, request.status().toString(), decidedBy, now, request.reason(),
                    request.updatedInput() == null ? null : JsonColumns.write(codec.mapper(), request.updatedInput()));
            StoredApproval row = dao.find(approvalId)
                    .orElseThrow(() -> new NotFoundException("no approval " + approvalId));
            if (updated == 0) {
                throw new ConflictException("approval " + approvalId + " is already " + row.status()
                        + (row.decidedBy() == null ? "" : " (by " + row.decidedBy() + ")"));
            }
            return row;
        });
        ApprovalRow row = toRow(stored);
        deliver(row);
        changes.publish(List.of(row));
        return row;
    }

    /** Sends the host's decided but undelivered approvals again; called when its agent connects. */
    public void redeliver(String hostId) {
        List<String> ids = jdbi.withExtension(ApprovalDao.class, dao -> dao.undelivered(hostId));
        if (!ids.isEmpty()) {
            read(ids).forEach(this::deliver);
        }
    }

    /** Pending approvals and those requested, decided or closed since {@code since}: a resync after lost news. */
    public List<ApprovalRow> changedSince(Instant since) {
        return jdbi.withExtension(ApprovalDao.class, dao -> dao.changedSince(since)).stream().map(this::toRow)
                .toList();
    }

    public long countPending() {
        return jdbi.withExtension(ApprovalDao.class, ApprovalDao::countPending);
    }

    public List<ApprovalRow> read(Collection<String> approvalIds) {
        return jdbi.withExtension(ApprovalDao.class, dao -> dao.findAll(approvalIds)).stream().map(this::toRow)
                .toList();
    }

    private void deliver(ApprovalRow row) {
        if (row.status() != ApprovalStatus.ALLOWED && row.status() != ApprovalStatus.DENIED) {
            return;
        }
        ApprovalDecision decision = new ApprovalDecision(row.approvalId(),
                row.status() == ApprovalStatus.ALLOWED ? ApprovalDecision.ALLOW : ApprovalDecision.DENY,
                row.updatedInput(), row.reason());
        if (!channel.online(row.hostId())) {
            return;
        }
        if (channel.send(row.hostId(), Envelope.live(decision))) {
            jdbi.useExtension(ApprovalDao.class, dao -> dao.delivered(row.approvalId()));
        }
    }

    public ApprovalRow toRow(StoredApproval stored) {
        return new ApprovalRow(stored.approvalId(), stored.sessionId(), stored.hostId(), stored.toolName(),
                JsonColumns.read(codec.mapper(), stored.toolInput()), stored.cwd(), ApprovalStatus.fromWire(stored.status()),
                stored.requestedAt(), stored.decidedBy(), stored.decidedAt(), stored.reason(),
                JsonColumns.read(codec.mapper(), stored.updatedInput()));
    }
}
