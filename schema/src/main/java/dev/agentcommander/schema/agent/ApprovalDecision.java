package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.ControlToAgent;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;

/** A person's decision on an approval, delivered to the agentd that asked. */
public record ApprovalDecision(String approvalId, String decision, JsonNode updatedInput, String reason)
        implements ControlToAgent {
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    public ApprovalDecision {
        Require.text(approvalId, "approval_id");
        Require.present(decision, "decision");
        if (!ALLOW.equals(decision) && !DENY.equals(decision)) {
            throw new MissingFieldException("decision", "must be \"allow\" or \"deny\", was \"" + decision + "\"");
        }
    }

    public boolean allowed() {
        return ALLOW.equals(decision);
    }
}
