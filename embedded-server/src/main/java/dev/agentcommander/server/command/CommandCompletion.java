package dev.agentcommander.server.command;

import java.time.Instant;

/** The outcome agentd reported for a command of {@code hostId}: status completed or failed; result is JSON text. */
public record CommandCompletion(String commandId, String hostId, String status, String result, String error,
        Instant updatedAt) {
}
