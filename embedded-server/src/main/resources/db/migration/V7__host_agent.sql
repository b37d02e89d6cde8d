-- Hosts carry what their agentd said in its last agent.hello (null until it first connects).
-- allowed_roots: a JSON array of absolute paths, as TEXT (same rules as V1: one set for H2 and PostgreSQL).
ALTER TABLE hosts ADD COLUMN agent_version VARCHAR(64);
ALTER TABLE hosts ADD COLUMN allowed_roots TEXT;
