package dev.agentcommander.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Require;

/** Payload of the {@code approval.requested} session event; {@code approval_id} is agentd's, stable across resends. */
public record ApprovalRequest(
        String approvalId, String toolName, JsonNode toolInput, String cwd, String paneId, String claudeSessionId) {
    public static final String EVENT_TYPE = "approval.requested";

    public ApprovalRequest {
        Require.text(approvalId, "approval_id");
        Require.text(toolName, "tool_name");
    }
}
