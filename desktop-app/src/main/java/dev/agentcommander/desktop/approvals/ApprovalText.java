package dev.agentcommander.desktop.approvals;

import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import java.time.Duration;
import java.time.Instant;

/** The words the approvals screen uses for outcomes and waiting times. */
public final class ApprovalText {
    private ApprovalText() {
    }

    /** "Allowed by ann@example.com", "Timed out: the agent stopped waiting", … */
    public static String outcome(ApprovalRow row) {
        String by = row.decidedBy() == null ? "" : " by " + row.decidedBy();
        String reason = row.reason() == null || row.reason().isBlank() ? "" : ": " + row.reason();
        return switch (row.status()) {
            case PENDING -> "Waiting for a decision";
            case ALLOWED -> (row.updatedInput() != null && !row.updatedInput().isNull() ? "Allowed as edited" : "Allowed")
                    + by;
            case DENIED -> "Denied" + by + reason;
            case ANSWERED_IN_TERMINAL -> "Answered in the terminal";
            case TIMED_OUT -> "Timed out: the agent stopped waiting";
            case WITHDRAWN -> "Withdrawn: the agent no longer asks";
        };
    }

    /** Said when an approval left the queue without a decision made here. */
    public static String closedElsewhere(ApprovalRow row, String where) {
        String what = row.toolName() + " in " + where;
        if (row.status() == ApprovalStatus.ALLOWED || row.status() == ApprovalStatus.DENIED) {
            return what + ": " + outcome(row) + " (decided elsewhere)";
        }
        return what + ": " + outcome(row);
    }

    /** "waited 12 s", "waited 3 min", "waited 2 h 5 min". */
    public static String waited(Instant requestedAt, Instant now) {
        if (requestedAt == null || now == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(requestedAt, now).toSeconds());
        if (seconds < 60) {
            return "waited " + seconds + " s";
        }
        if (seconds < 3600) {
            return "waited " + seconds / 60 + " min";
        }
        return "waited " + seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
