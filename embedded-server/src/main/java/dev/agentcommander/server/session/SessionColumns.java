package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.TmuxRef;
import java.time.Instant;

/** A {@link SessionRow} flattened to the {@code sessions} columns, for binding by name. */
public record SessionColumns(
        String sessionId,
        String hostId,
        String name,
        String provider,
        String status,
        boolean needsAttention,
        String tmuxPaneId,
        String tmuxSession,
        String tmuxWindow,
        Integer tmuxCols,
        Integer tmuxRows,
        String cwd,
        String gitRepo,
        String gitBranch,
        Boolean gitDirty,
        Integer gitAhead,
        Integer gitBehind,
        String title,
        String statusReason,
        Instant lastActivityAt,
        Instant createdAt,
        Instant updatedAt) {

    public static SessionColumns of(SessionRow row) {
        TmuxRef tmux = row.tmux();
        GitInfo git = row.git();
        return new SessionColumns(row.sessionId(), row.hostId(), row.name(), row.provider().toString(),
                row.status().toString(), row.needsAttention(),
                tmux == null ? null : tmux.paneId(), tmux == null ? null : tmux.session(),
                tmux == null ? null : tmux.window(), tmux == null ? null : tmux.cols(),
                tmux == null ? null : tmux.rows(), row.cwd(),
                git == null ? null : git.repo(), git == null ? null : git.branch(), git == null ? null : git.dirty(),
                git == null ? null : git.ahead(), git == null ? null : git.behind(),
                row.title(), row.statusReason(), row.lastActivityAt(), row.createdAt(), row.updatedAt());
    }
}
