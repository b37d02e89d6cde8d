-- Durable agent frames the control plane refused as a whole (malformed, or failing every time it is applied):
-- acked so agentd stops resending them, and parked here for operators to look at. Nothing reads this table.
-- frame: the frame as received (or re-encoded), cut to its first 65,536 characters.
CREATE TABLE refused_frames (
    host_id      VARCHAR(64)  NOT NULL REFERENCES hosts (host_id) ON DELETE CASCADE,
    stream_id    VARCHAR(64)  NOT NULL,
    seq          BIGINT       NOT NULL,
    code         VARCHAR(64)  NOT NULL,
    reason       TEXT         NOT NULL,
    frame        TEXT         NOT NULL,
    refused_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (host_id, stream_id, seq)
);
