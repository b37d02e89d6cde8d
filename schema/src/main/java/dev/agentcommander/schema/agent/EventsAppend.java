package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Require;

/** One session event: {@code approval.requested}, {@code codex.event}, {@code command.completed}, {@code hook.<name>}, ... */
public record EventsAppend(String sessionId, String eventType, JsonNode payload) implements AgentToControl {
    public EventsAppend {
        Require.text(sessionId, "session_id");
        Require.text(eventType, "event_type");
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    }
}
