package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code sessions} row back into the wire record. */
public final class SessionRowMapper implements RowMapper<SessionRow> {
    @Override
    public SessionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        String paneId = rs.getString("tmux_pane_id");
        TmuxRef tmux = paneId == null ? null
                : new TmuxRef(paneId, rs.getString("tmux_session"), rs.getString("tmux_window"),
                        rs.getObject("tmux_cols", Integer.class), rs.getObject("tmux_rows", Integer.class));
        String repo = rs.getString("git_repo");
        String branch = rs.getString("git_branch");
        Boolean dirty = rs.getObject("git_dirty", Boolean.class);
        Integer ahead = rs.getObject("git_ahead", Integer.class);
        Integer behind = rs.getObject("git_behind", Integer.class);
        GitInfo git = repo == null && branch == null && dirty == null ? null
                : new GitInfo(repo, branch, dirty, ahead, behind);
        return new SessionRow(
                rs.getString("session_id"),
                rs.getString("host_id"),
                rs.getString("name"),
                Provider.fromWire(rs.getString("provider")),
                SessionStatus.fromWire(rs.getString("status")),
                rs.getBoolean("needs_attention"),
                tmux,
                rs.getString("cwd"),
                git,
                rs.getString("title"),
                rs.getString("status_reason"),
                instant(rs, "last_activity_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
