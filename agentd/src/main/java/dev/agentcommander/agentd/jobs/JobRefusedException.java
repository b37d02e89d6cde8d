package dev.agentcommander.agentd.jobs;

/** A {@code spawn_job} agentd will not run, with a message that says why and what to change. */
public final class JobRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    JobRefusedException(String message) {
        super(message);
    }

    JobRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
