package dev.agentcommander.schema.model;

import dev.agentcommander.schema.Require;
import java.time.Instant;

/**
 * One agent session as agentd reports it and the control plane stores it. {@code host_id} is set by the
 * control plane from the authenticated host (agentd may leave it out); {@code created_at} and
 * {@code updated_at} are the control plane's. {@code tmux} is null for jobs, which have no pane.
 */
public record SessionRow(
        String sessionId,
        String hostId,
        String name,
        Provider provider,
        SessionStatus status,
        boolean needsAttention,
        TmuxRef tmux,
        String cwd,
        GitInfo git,
        String title,
        String statusReason,
        Instant lastActivityAt,
        Instant createdAt,
        Instant updatedAt) {
    public SessionRow {
        Require.text(sessionId, "session_id");
        Require.present(provider, "provider");
        Require.present(status, "status");
    }

    public SessionRow withHost(String newHostId) {
        return new SessionRow(sessionId, newHostId, name, provider, status, needsAttention, tmux, cwd, git, title,
                statusReason, lastActivityAt, createdAt, updatedAt);
    }

    public SessionRow withTimes(Instant newCreatedAt, Instant newUpdatedAt) {
        return new SessionRow(sessionId, hostId, name, provider, status, needsAttention, tmux, cwd, git, title,
                statusReason, lastActivityAt, newCreatedAt, newUpdatedAt);
    }
}
