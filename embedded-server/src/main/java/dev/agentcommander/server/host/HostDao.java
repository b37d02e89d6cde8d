package dev.agentcommander.server.host;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code hosts} table. */
@RegisterConstructorMapper(StoredHost.class)
@RegisterConstructorMapper(HostCursor.class)
public interface HostDao {
    String COLUMNS = "host_id, name, created_at, last_seen, last_acked_seq";

    @SqlUpdate("INSERT INTO hosts (host_id, name, created_at, last_acked_seq) VALUES (:hostId, :name, :createdAt, 0)")
    void insert(String hostId, String name, Instant createdAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts ORDER BY name")
    List<StoredHost> list();

    @SqlQuery("SELECT " + COLUMNS + """
             FROM hosts WHERE (CAST(:afterName AS VARCHAR) IS NULL OR name > :afterName) ORDER BY name LIMIT :limit
            """)
    List<StoredHost> page(String afterName, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts WHERE host_id = :hostId")
    Optional<StoredHost> find(String hostId);

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
