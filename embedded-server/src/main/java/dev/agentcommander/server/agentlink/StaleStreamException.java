package dev.agentcommander.server.agentlink;

/** The connection's agentd stream is no longer the host's current one (or the host is gone): stop applying. */
final class StaleStreamException extends RuntimeException {
    StaleStreamException(String message) {
        super(message);
    }
}
