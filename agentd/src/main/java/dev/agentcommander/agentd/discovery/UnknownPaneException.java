package dev.agentcommander.agentd.discovery;

/** No pane with this id exists on the tmux server. */
public final class UnknownPaneException extends Exception {
    private final String paneId;

    public UnknownPaneException(String paneId) {
        super("no pane " + paneId + " on this host's tmux server");
        this.paneId = paneId;
    }

    public String paneId() {
        return paneId;
    }
}
