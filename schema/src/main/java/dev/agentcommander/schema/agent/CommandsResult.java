package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;

/** The outcome of a command: {@code ok} with an optional {@code result}, or an {@code error} saying what went wrong. */
public record CommandsResult(String commandId, Boolean ok, JsonNode result, String error) implements AgentToControl {
    public CommandsResult {
        Require.text(commandId, "command_id");
        Require.present(ok, "ok");
        if (!ok && (error == null || error.isBlank())) {
            throw new MissingFieldException("error", "required when ok is false");
        }
    }

    public static CommandsResult success(String commandId, JsonNode result) {
        return new CommandsResult(commandId, true, result, null);
    }

    public static CommandsResult failure(String commandId, String error) {
        return new CommandsResult(commandId, false, null, error);
    }
}
