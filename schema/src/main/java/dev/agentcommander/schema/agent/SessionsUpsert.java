package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.SessionRow;
import java.util.List;

/** Full rows of the sessions that changed (a session gone from tmux is sent with status {@code gone}). */
public record SessionsUpsert(List<SessionRow> sessions) implements AgentToControl {
    public SessionsUpsert {
        sessions = Require.list(sessions, "sessions");
    }
}
