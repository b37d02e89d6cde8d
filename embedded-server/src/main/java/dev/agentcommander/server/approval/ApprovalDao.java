package dev.agentcommander.server.approval;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code approvals} table. Only a pending approval can be decided or closed, once. */
@RegisterConstructorMapper(StoredApproval.class)
public interface ApprovalDao {
    String COLUMNS = """
            approval_id, session_id, host_id, tool_name, tool_input, cwd, status, requested_at, decided_by,
            decided_at, reason, updated_input""";
    /** Keyset paging on (requested_at, approval_id); null bounds and filters match everything. */
    String PAGE_WHERE = """
             WHERE (CAST(:pending AS BOOLEAN) IS NULL OR (status = 'pending') = :pending)
               AND (CAST(:hostId AS VARCHAR) IS NULL OR host_id = :hostId)
               AND (CAST(:sessionId AS VARCHAR) IS NULL OR session_id = :sessionId)
               AND (CAST(:afterAt AS TIMESTAMP WITH TIME ZONE) IS NULL OR requested_at > :afterAt
                    OR (requested_at = :afterAt AND approval_id > :afterId))
            """;

    /** A repeat of an {@code approval_id} (a resend, or another host using the same id) is not a second row. */
    @SqlBatch("""
            INSERT INTO approvals (approval_id, session_id, host_id, tool_name, tool_input, cwd, status, requested_at)
            VALUES (:approvalId, :sessionId, :hostId, :toolName, :toolInput, :cwd, 'pending', :requestedAt)
            ON CONFLICT DO NOTHING
            """)
    void insert(@BindMethods List<NewApproval> approvals);

    @SqlBatch("""
            UPDATE approvals SET status = :status, decided_at = :closedAt, delivered = TRUE
             WHERE approval_id = :approvalId AND host_id = :hostId AND status = 'pending'
            """)
    void close(@BindMethods List<ApprovalClose> closes);

    /** A closed approval needs no (further) decision delivery. */
    @SqlBatch("UPDATE approvals SET delivered = TRUE WHERE approval_id = :approvalId AND host_id = :hostId")
    void settle(@BindMethods List<ApprovalClose> closes);

    @SqlUpdate("""
            UPDATE approvals SET status = :status, decided_by = :decidedBy, decided_at = :decidedAt, reason = :reason,
                   updated_input = :updatedInput
             WHERE approval_id = :approvalId AND status = 'pending'
            """)
    int decide(String approvalId, String status, String decidedBy, Instant decidedAt, String reason,
            String updatedInput);

    @SqlUpdate("UPDATE approvals SET delivered = TRUE WHERE approval_id = :approvalId")
    void delivered(String approvalId);

    @SqlQuery("SELECT " + COLUMNS + " FROM approvals WHERE approval_id = :approvalId")
    Optional<StoredApproval> find(String approvalId);

    @SqlQuery("SELECT " + COLUMNS + " FROM approvals WHERE approval_id IN (<approvalIds>)")
    List<StoredApproval> findAll(@BindList("approvalIds") Collection<String> approvalIds);

    @SqlQuery("""
            SELECT approval_id FROM approvals
             WHERE host_id = :hostId AND delivered = FALSE AND status IN ('allowed', 'denied')
             ORDER BY decided_at, approval_id
            """)
    List<String> undelivered(String hostId);

    @SqlQuery("SELECT " + COLUMNS + " FROM approvals" + PAGE_WHERE + " ORDER BY requested_at, approval_id LIMIT :limit")
    List<StoredApproval> page(Boolean pending, String hostId, String sessionId, Instant afterAt, String afterId,
            int limit);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM approvals WHERE status = 'pending' OR requested_at >= :since OR decided_at >= :since
            """)
    List<StoredApproval> changedSince(Instant since);

    @SqlQuery("SELECT COUNT(*) FROM approvals WHERE status = 'pending'")
    long countPending();
}
