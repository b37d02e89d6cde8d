package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.SessionRow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The {@code sessions} table. */
@RegisterRowMapper(SessionRowMapper.class)
public interface SessionDao {
    String COLUMNS = """
            session_id, host_id, name, provider, status, needs_attention, tmux_pane_id, tmux_session, tmux_window,
            tmux_cols, tmux_rows, cwd, git_repo, git_branch, git_dirty, git_ahead, git_behind, title, status_reason, last_activity_at,
            created_at, updated_at""";

    /** Null arguments match everything; the casts give PostgreSQL a type for a null parameter. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM sessions
            WHERE (CAST(:hostId AS VARCHAR) IS NULL OR host_id = :hostId)
              AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
              AND (CAST(:provider AS VARCHAR) IS NULL OR provider = :provider)
              AND (CAST(:needsAttention AS BOOLEAN) IS NULL OR needs_attention = :needsAttention)
            ORDER BY created_at, session_id
            """)
    List<SessionRow> list(String hostId, String status, String provider, Boolean needsAttention);

    /** As {@link #list}, one keyset page after (afterAt, afterId) in (created_at, session_id) order. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM sessions
            WHERE (CAST(:hostId AS VARCHAR) IS NULL OR host_id = :hostId)
              AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
              AND (CAST(:provider AS VARCHAR) IS NULL OR provider = :provider)
              AND (CAST(:needsAttention AS BOOLEAN) IS NULL OR needs_attention = :needsAttention)
              AND (CAST(:afterAt AS TIMESTAMP WITH TIME ZONE) IS NULL OR created_at > :afterAt
                   OR (created_at = :afterAt AND session_id > :afterId))
            ORDER BY created_at, session_id
            LIMIT :limit
            """)
    List<SessionRow> page(String hostId, String status, String provider, Boolean needsAttention, Instant afterAt,
            String afterId, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM sessions WHERE session_id = :sessionId")
    Optional<SessionRow> find(String sessionId);

    @SqlQuery("SELECT " + COLUMNS + " FROM sessions WHERE session_id IN (<sessionIds>)")
    List<SessionRow> findAll(@BindList("sessionIds") Collection<String> sessionIds);

    @SqlQuery("SELECT session_id, host_id, created_at FROM sessions WHERE session_id IN (<sessionIds>)")
    @RegisterConstructorMapper(SessionOwner.class)
    List<SessionOwner> owners(@BindList("sessionIds") Collection<String> sessionIds);

    @SqlBatch("INSERT INTO sessions (" + COLUMNS + """
            ) VALUES (:sessionId, :hostId, :name, :provider, :status, :needsAttention, :tmuxPaneId, :tmuxSession,
                      :tmuxWindow, :tmuxCols, :tmuxRows, :cwd, :gitRepo, :gitBranch, :gitDirty, :gitAhead, :gitBehind, :title, :statusReason, :lastActivityAt,
                      :createdAt, :updatedAt)
            """)
    void insert(@BindMethods List<SessionColumns> rows);

    /** Never changes host_id or created_at: a session stays with the host that first reported it. */
    @SqlBatch("""
            UPDATE sessions SET name = :name, provider = :provider, status = :status, needs_attention = :needsAttention,
                   tmux_pane_id = :tmuxPaneId, tmux_session = :tmuxSession, tmux_window = :tmuxWindow,
                   tmux_cols = :tmuxCols, tmux_rows = :tmuxRows, cwd = :cwd,
                   git_repo = :gitRepo, git_branch = :gitBranch, git_dirty = :gitDirty,
                   git_ahead = :gitAhead, git_behind = :gitBehind, title = :title,
                   status_reason = :statusReason, last_activity_at = :lastActivityAt, updated_at = :updatedAt
             WHERE session_id = :sessionId AND host_id = :hostId
            """)
    int[] update(@BindMethods List<SessionColumns> rows);
}
