-- Team mode: several control-plane nodes share one PostgreSQL. Same rules as V1: one set for H2 and PostgreSQL.

-- Every running node, with a heartbeat: a host held by a node whose heartbeat is stale counts as offline.
CREATE TABLE cluster_nodes (
    node_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The node that holds the host's agent socket; null when none does.
ALTER TABLE hosts ADD COLUMN agent_node_id VARCHAR(64);

-- Settings every node shares, e.g. the JWT signing secret when no node is given JWT_SECRET.
CREATE TABLE settings (
    setting_name   VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_value  VARCHAR     NOT NULL
);
