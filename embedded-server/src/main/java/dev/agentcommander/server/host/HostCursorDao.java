package dev.agentcommander.server.host;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The agent stream columns of the {@code hosts} table, used by every agent transaction. Kept apart from
 * {@link HostDao}: attaching a DAO prepares every one of its methods, and attaching was a fifth of the apply
 * threads' CPU on PostgreSQL (a sixth after this split).
 */
@RegisterConstructorMapper(HostCursor.class)
public interface HostCursorDao {
    /**
     * Locks the host rows until the transaction ends: durable frames of one host are applied one batch at a time.
     * Hosts that do not exist are missing from the result.
     */
    @SqlQuery("SELECT host_id, last_acked_seq, agent_stream_id FROM hosts WHERE host_id IN (<hostIds>) FOR UPDATE")
    List<HostCursor> lockCursors(@BindList("hostIds") Collection<String> hostIds);

    /** Moves each {@code hostIds[i]} to {@code lastAckedSeqs[i]}. */
    @SqlBatch("UPDATE hosts SET last_acked_seq = :lastAckedSeq, last_seen = :now WHERE host_id = :hostId")
    void advance(@Bind("hostId") List<String> hostIds, @Bind("lastAckedSeq") List<Long> lastAckedSeqs, Instant now);

    /** A new agentd stream (a wiped state dir) starts its seqs at 1 again. */
    @SqlUpdate("UPDATE hosts SET agent_stream_id = :streamId, last_acked_seq = 0, last_seen = :now WHERE host_id = :hostId")
    void resetStream(String hostId, String streamId, Instant now);

    @SqlUpdate("UPDATE hosts SET last_seen = :now WHERE host_id = :hostId")
    void touch(String hostId, Instant now);
}
