package dev.agentcommander.agentd.channel;

/**
 * The outbox cannot store, read or remove messages (state dir missing or unwritable, disk full, another agentd
 * holding it). The message says which path and what to do.
 */
public final class OutboxException extends RuntimeException {
    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
