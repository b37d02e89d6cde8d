package dev.agentcommander.server.command;

import java.time.Instant;

/** A {@code commands} row; {@code body} is the command body's JSON ({@code {"type", ...}}), result is JSON text. */
public record StoredCommand(String commandId, String sessionId, String hostId, String type, String body,
        String status, String result, String error, String issuedBy, Instant createdAt, Instant updatedAt,
        Instant expiresAt) {
}
