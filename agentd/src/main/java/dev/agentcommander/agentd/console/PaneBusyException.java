package dev.agentcommander.agentd.console;

/** The pane already has a {@code pipe-pane} that is not agentd's (tmux allows one per pane). */
public final class PaneBusyException extends Exception {
    public PaneBusyException(String paneId) {
        super("pane " + paneId + " already has a pipe-pane (e.g. the user's logging); tmux allows one per pane, "
                + "so the live console cannot attach. Stop it with: tmux pipe-pane -t " + paneId);
    }
}
