package dev.agentcommander.agentd.workspace;

/** A directory or git operation agentd refuses or that failed, with a message that says why and what to change. */
public final class WorkspaceException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
