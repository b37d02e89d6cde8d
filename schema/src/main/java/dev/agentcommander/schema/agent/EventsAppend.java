package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import java.util.Set;

/**
 * One session event: {@code approval.requested}, {@code codex.event}, {@code command.completed}, {@code hook.<name>},
 * ... A missing or {@code null} payload is {@code {}}, except for the approval events, whose payload the control
 * plane reads: theirs must be an object, or the frame is malformed.
 */
public record EventsAppend(String sessionId, String eventType, JsonNode payload) implements AgentToControl {
    /** The event types whose payload must be a JSON object. */
    public static final Set<String> OBJECT_PAYLOAD_TYPES = Set.of("approval.requested", "approval.closed");

    public EventsAppend {
        Require.text(sessionId, "session_id");
        Require.text(eventType, "event_type");
        boolean absent = payload == null || payload.isNull() || payload.isMissingNode();
        if (OBJECT_PAYLOAD_TYPES.contains(eventType)) {
            if (absent) {
                throw new MissingFieldException("payload", "required for " + eventType);
            }
            if (!payload.isObject()) {
                throw new MissingFieldException("payload", "must be an object for " + eventType + ", was "
                        + payload.getNodeType().name().toLowerCase());
            }
        }
        payload = absent ? JsonNodeFactory.instance.objectNode() : payload;
    }
}
