package dev.agentcommander.server.approval;

import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.ApprovalStatus;

/**
 * Payload of the {@code approval.closed} session event: agentd no longer waits for a decision because it was
 * answered in the terminal, timed out, or the request was withdrawn.
 */
public record ApprovalClosed(String approvalId, String reason) {
    public static final String EVENT_TYPE = "approval.closed";

    public ApprovalClosed {
        Require.text(approvalId, "approval_id");
        Require.present(reason, "reason");
        status(reason);
    }

    public ApprovalStatus status() {
        return status(reason);
    }

    private static ApprovalStatus status(String reason) {
        return switch (reason) {
            case "answered_in_terminal" -> ApprovalStatus.ANSWERED_IN_TERMINAL;
            case "timed_out" -> ApprovalStatus.TIMED_OUT;
            case "withdrawn" -> ApprovalStatus.WITHDRAWN;
            default -> throw new MissingFieldException("reason",
                    "must be answered_in_terminal, timed_out or withdrawn, was \"" + reason + "\"");
        };
    }
}
