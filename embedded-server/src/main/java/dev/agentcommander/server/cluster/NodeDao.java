package dev.agentcommander.server.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code cluster_nodes} and {@code settings} tables and {@code hosts.agent_node_id}. */
interface NodeDao {
    @SqlUpdate("INSERT INTO cluster_nodes (node_id, started_at, heartbeat_at) VALUES (:nodeId, :now, :now)")
    void register(String nodeId, Instant now);

    @SqlUpdate("UPDATE cluster_nodes SET heartbeat_at = :now WHERE node_id = :nodeId")
    int heartbeat(String nodeId, Instant now);

    @SqlUpdate("DELETE FROM cluster_nodes WHERE node_id = :nodeId")
    void unregister(String nodeId);

    @SqlUpdate("UPDATE hosts SET agent_node_id = :nodeId WHERE host_id = :hostId")
    void claim(String hostId, String nodeId);

    /** Only this node's claim is cleared: the host may already have moved to another node. */
    @SqlUpdate("UPDATE hosts SET agent_node_id = NULL WHERE host_id = :hostId AND agent_node_id = :nodeId")
    void release(String hostId, String nodeId);

    @SqlUpdate("UPDATE hosts SET agent_node_id = NULL WHERE agent_node_id = :nodeId")
    void releaseAll(String nodeId);

    @SqlQuery("""
            SELECT h.host_id FROM hosts h JOIN cluster_nodes n ON n.node_id = h.agent_node_id
             WHERE n.node_id <> :nodeId AND n.heartbeat_at > :aliveAfter
            """)
    List<String> heldElsewhere(String nodeId, Instant aliveAfter);

    /** First writer wins: a concurrent second insert of the same name does nothing. */
    @SqlUpdate("INSERT INTO settings (setting_name, setting_value) VALUES (:name, :value) ON CONFLICT DO NOTHING")
    void insertSetting(String name, String value);

    @SqlQuery("SELECT setting_value FROM settings WHERE setting_name = :name")
    Optional<String> setting(String name);
}
