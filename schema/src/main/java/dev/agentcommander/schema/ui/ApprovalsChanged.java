package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.ApprovalRow;
import java.util.List;

/** Approvals that match the subscription and were created or changed. */
public record ApprovalsChanged(String subscriptionId, List<ApprovalRow> approvals) implements ControlToUi {
    public ApprovalsChanged {
        Require.text(subscriptionId, "subscription_id");
        approvals = Require.list(approvals, "approvals");
    }
}
