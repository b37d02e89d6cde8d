package dev.agentcommander.agentd.command;

/** A command that cannot be carried out; its message is the {@code error} of the {@code commands.result}. */
public final class CommandFailedException extends Exception {
    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
