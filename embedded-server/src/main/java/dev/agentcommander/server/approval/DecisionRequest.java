package dev.agentcommander.server.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.model.ApprovalStatus;

/** Body of {@code POST /v1/approvals/{approval_id}/decision}. */
public record DecisionRequest(String decision, JsonNode updatedInput, String reason) {
    static final int MAX_REASON_LENGTH = 2000;

    public DecisionRequest {
        Require.present(decision, "decision");
        if (!ApprovalDecision.ALLOW.equals(decision) && !ApprovalDecision.DENY.equals(decision)) {
            throw new MissingFieldException("decision", "must be \"allow\" or \"deny\", was \"" + decision + "\"");
        }
        if (updatedInput != null && updatedInput.isNull()) {
            updatedInput = null;
        }
        if (updatedInput != null && !updatedInput.isObject()) {
            throw new MissingFieldException("updated_input", "wrong type: expected an object");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new MissingFieldException("reason", "at most " + MAX_REASON_LENGTH + " characters");
        }
    }

    ApprovalStatus status() {
        return ApprovalDecision.ALLOW.equals(decision) ? ApprovalStatus.ALLOWED : ApprovalStatus.DENIED;
    }
}
