-- Commands, approvals and the last captured screen of each session. Same rules as V1: one set for H2 and PostgreSQL.

CREATE TABLE commands (
    command_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    session_id  VARCHAR(255),
    host_id     VARCHAR(64)  NOT NULL REFERENCES hosts (host_id) ON DELETE CASCADE,
    type        VARCHAR(64)  NOT NULL,
    body        TEXT         NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    result      TEXT,
    error       TEXT,
    issued_by   VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX commands_host_status_idx ON commands (host_id, status, created_at);
CREATE INDEX commands_status_expires_idx ON commands (status, expires_at);

-- approval_id is agentd's; delivered says whether the decision reached an open agent socket
CREATE TABLE approvals (
    approval_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    session_id     VARCHAR(255) NOT NULL,
    host_id        VARCHAR(64)  NOT NULL REFERENCES hosts (host_id) ON DELETE CASCADE,
    tool_name      VARCHAR      NOT NULL,
    tool_input     TEXT,
    cwd            VARCHAR,
    status         VARCHAR(32)  NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by     VARCHAR(320),
    decided_at     TIMESTAMP WITH TIME ZONE,
    reason         VARCHAR,
    updated_input  TEXT,
    delivered      BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX approvals_status_idx ON approvals (status, requested_at, approval_id);
CREATE INDEX approvals_host_delivery_idx ON approvals (host_id, delivered);

CREATE TABLE session_snapshots (
    session_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    host_id        VARCHAR(64)  NOT NULL REFERENCES hosts (host_id) ON DELETE CASCADE,
    stream_offset  BIGINT,
    content        TEXT         NOT NULL,
    screen_cols    INTEGER,
    screen_rows    INTEGER,
    captured_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
