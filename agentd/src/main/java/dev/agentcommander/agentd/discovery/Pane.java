package dev.agentcommander.agentd.discovery;

import java.time.Instant;
import java.util.Objects;

/**
 * One tmux pane as {@code list-panes -a} reports it. {@code sessionId} is our {@code @ac_session_id} tag, or empty
 * when the pane has none yet; {@code currentCommand} is the foreground process name.
 */
public record Pane(
        String paneId,
        long panePid,
        boolean dead,
        int deadStatus,
        String windowIndex,
        Instant windowActivity,
        String sessionId,
        String currentCommand,
        String sessionName,
        String windowName,
        String paneTitle,
        String currentPath) {
    public Pane {
        Objects.requireNonNull(paneId, "paneId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public boolean tagged() {
        return !sessionId.isEmpty();
    }

    public Pane withSessionId(String newSessionId) {
        return new Pane(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, newSessionId, currentCommand,
                sessionName, windowName, paneTitle, currentPath);
    }
}
