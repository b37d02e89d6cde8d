package dev.agentcommander.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Require;
import java.time.Instant;

/** A permission request and, once decided or closed, who decided what and when. */
public record ApprovalRow(
        String approvalId,
        String sessionId,
        String hostId,
        String toolName,
        JsonNode toolInput,
        String cwd,
        ApprovalStatus status,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String reason,
        JsonNode updatedInput) {
    public ApprovalRow {
        Require.text(approvalId, "approval_id");
        Require.present(status, "status");
    }
}
