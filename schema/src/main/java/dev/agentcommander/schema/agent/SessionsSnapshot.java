package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Require;
import java.time.Instant;

/**
 * The visible screen (with scrollback) of a session's pane, as {@code capture-pane -p -e -J} prints it.
 * Sent live, not queued: the newest replaces the stored one. With a console subscription it opens the
 * stream: chunks follow from byte {@code offset}.
 */
public record SessionsSnapshot(
        String sessionId, String subscriptionId, Long offset, String content, Integer cols, Integer rows,
        Instant capturedAt) implements AgentToControl {
    public SessionsSnapshot {
        Require.text(sessionId, "session_id");
        Require.present(content, "content");
        Require.present(capturedAt, "captured_at");
    }
}
