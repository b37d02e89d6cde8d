package dev.agentcommander.agentd.tmux;

import java.util.List;

/** A tmux call that failed: non-zero exit, output on stderr, a timeout, or tmux could not be started. */
public final class TmuxException extends Exception {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public TmuxException(List<String> command, int exitCode, String stderr, String problem, Throwable cause) {
        super(problem + ": " + String.join(" ", command) + (stderr.isBlank() ? "" : " -> " + stderr.strip()), cause);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public List<String> command() {
        return command;
    }

    /** The exit code, or -1 when tmux did not run to completion (not started, timed out). */
    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    /**
     * True when no tmux server listens on the socket (none started yet, or it exited and left a stale socket):
     * for listing that means zero panes, not a failure.
     */
    public boolean noServer() {
        return stderr.contains("no server running")
                || stderr.startsWith("error connecting to") && (stderr.contains("No such file or directory")
                || stderr.contains("Connection refused"));
    }
}
