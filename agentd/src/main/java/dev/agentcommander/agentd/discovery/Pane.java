package dev.agentcommander.agentd.discovery;

import java.time.Instant;
import java.util.Objects;

/**
 * One tmux pane as {@code list-panes -a} reports it. {@code sessionId} is our {@code @ac_session_id} tag, or empty
 * when the pane has none yet; {@code currentCommand} is the foreground process name; {@code displayName} is our
 * {@code @ac_name} option (set by {@code rename_session}), empty when the session was never renamed; {@code cols} ×
 * {@code rows} is the pane's size in cells (0 when unknown).
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
        String currentPath,
        String displayName,
        String agentCommand,
        int cols,
        int rows) {
    public Pane {
        Objects.requireNonNull(paneId, "paneId");
        Objects.requireNonNull(sessionId, "sessionId");
        displayName = displayName == null ? "" : displayName;
        agentCommand = agentCommand == null ? "" : agentCommand;
    }

    /** A pane as tmux lists it, before its process tree was looked at. */
    public Pane(String paneId, long panePid, boolean dead, int deadStatus, String windowIndex, Instant windowActivity,
                String sessionId, String currentCommand, String sessionName, String windowName, String paneTitle,
                String currentPath, String displayName) {
        this(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, sessionId, currentCommand, sessionName,
                windowName, paneTitle, currentPath, displayName, "", 0, 0);
    }

    /** A pane that was never renamed. */
    public Pane(String paneId, long panePid, boolean dead, int deadStatus, String windowIndex, Instant windowActivity,
                String sessionId, String currentCommand, String sessionName, String windowName, String paneTitle,
                String currentPath) {
        this(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, sessionId, currentCommand, sessionName,
                windowName, paneTitle, currentPath, "", "", 0, 0);
    }

    /** The session's name: the one given by {@code rename_session}, else the window name. */
    public String name() {
        return displayName.isEmpty() ? windowName : displayName;
    }

    public boolean tagged() {
        return !sessionId.isEmpty();
    }

    public Pane withSessionId(String newSessionId) {
        return new Pane(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, newSessionId, currentCommand,
                sessionName, windowName, paneTitle, currentPath, displayName, agentCommand, cols, rows);
    }

    public Pane withAgentCommand(String agent) {
        return new Pane(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, sessionId, currentCommand,
                sessionName, windowName, paneTitle, currentPath, displayName, agent, cols, rows);
    }

    public Pane withSize(int newCols, int newRows) {
        return new Pane(paneId, panePid, dead, deadStatus, windowIndex, windowActivity, sessionId, currentCommand,
                sessionName, windowName, paneTitle, currentPath, displayName, agentCommand, newCols, newRows);
    }

    /** The command that tells the provider: the agent found below a runtime, else the foreground command. */
    public String providerCommand() {
        return agentCommand.isEmpty() ? currentCommand : agentCommand;
    }
}
