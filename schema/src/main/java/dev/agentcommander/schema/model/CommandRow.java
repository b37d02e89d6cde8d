package dev.agentcommander.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Require;
import java.time.Instant;

/** A command as the control plane tracks it, with who issued it. */
public record CommandRow(
        String commandId,
        String sessionId,
        String hostId,
        String type,
        CommandStatus status,
        JsonNode result,
        String error,
        String issuedBy,
        Instant createdAt,
        Instant updatedAt) {
    public CommandRow {
        Require.text(commandId, "command_id");
        Require.present(status, "status");
    }
}
