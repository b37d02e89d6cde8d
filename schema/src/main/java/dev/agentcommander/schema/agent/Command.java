package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.agentcommander.schema.ControlToAgent;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.command.CommandBody;

/**
 * Control plane → agentd. On the wire the body is flattened beside the ids:
 * {@code {"command_id", "session_id"?, "type": "send_input", "text": ...}}.
 */
@JsonSerialize(using = CommandJson.Writer.class)
@JsonDeserialize(using = CommandJson.Reader.class)
public record Command(String commandId, String sessionId, CommandBody body) implements ControlToAgent {
    public Command {
        Require.text(commandId, "command_id");
        Require.present(body, "type");
    }
}
