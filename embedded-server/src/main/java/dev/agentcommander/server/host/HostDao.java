package dev.agentcommander.server.host;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code hosts} table: the rows as REST shows them (the agent stream cursor: {@link HostCursorDao}). */
@RegisterConstructorMapper(StoredHost.class)
public interface HostDao {
    String COLUMNS = "host_id, name, created_at, last_seen, last_acked_seq, agent_version, allowed_roots";

    @SqlUpdate("INSERT INTO hosts (host_id, name, created_at, last_acked_seq) VALUES (:hostId, :name, :createdAt, 0)")
    void insert(String hostId, String name, Instant createdAt);

    /** What the host's agentd said in its hello; {@code allowedRoots} is a JSON array. */
    @SqlUpdate("UPDATE hosts SET agent_version = :agentVersion, allowed_roots = :allowedRoots WHERE host_id = :hostId")
    int recordAgent(String hostId, String agentVersion, String allowedRoots);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts ORDER BY name")
    List<StoredHost> list();

    @SqlQuery("SELECT " + COLUMNS + """
             FROM hosts WHERE (CAST(:afterName AS VARCHAR) IS NULL OR name > :afterName) ORDER BY name LIMIT :limit
            """)
    List<StoredHost> page(String afterName, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts WHERE host_id = :hostId")
    Optional<StoredHost> find(String hostId);
}
