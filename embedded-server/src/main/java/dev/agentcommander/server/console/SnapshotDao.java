package dev.agentcommander.server.console;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code session_snapshots} table: the newest captured screen of each session. */
@RegisterConstructorMapper(SnapshotDao.StoredSnapshot.class)
interface SnapshotDao {
    /** One row per session. */
    record StoredSnapshot(String sessionId, String hostId, Long streamOffset, String content, Integer screenCols,
            Integer screenRows, Instant capturedAt) {
    }

    @SqlQuery("SELECT host_id FROM sessions WHERE session_id = :sessionId")
    Optional<String> owner(String sessionId);

    @SqlUpdate("""
            UPDATE session_snapshots SET stream_offset = :streamOffset, content = :content, screen_cols = :screenCols,
                   screen_rows = :screenRows, captured_at = :capturedAt
             WHERE session_id = :sessionId AND host_id = :hostId
            """)
    int update(@BindMethods StoredSnapshot snapshot);

    @SqlUpdate("""
            INSERT INTO session_snapshots (session_id, host_id, stream_offset, content, screen_cols, screen_rows,
                                           captured_at)
            VALUES (:sessionId, :hostId, :streamOffset, :content, :screenCols, :screenRows, :capturedAt)
            """)
    void insert(@BindMethods StoredSnapshot snapshot);

    @SqlQuery("""
            SELECT session_id, host_id, stream_offset, content, screen_cols, screen_rows, captured_at
              FROM session_snapshots WHERE session_id = :sessionId
            """)
    Optional<StoredSnapshot> find(String sessionId);
}
