package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;

/** The filters of the topics other than {@code sessions} (which uses {@code SessionFilter}). */
final class TopicFilters {
    private TopicFilters() {
    }

    /** {@code events} and {@code console}: one session. */
    record SessionOnly(String sessionId) {
        SessionOnly {
            Require.text(sessionId, "session_id");
        }
    }

    /** {@code approvals}: {@code pending}, {@code decided} (anything but pending), one exact status, or all. */
    record Approvals(String status) {
        Approvals {
            if (status != null && !status.equals("pending") && !status.equals("decided")) {
                try {
                    ApprovalStatus.fromWire(status);
                } catch (IllegalArgumentException e) {
                    throw new MissingFieldException("status", "expected pending, decided or an approval status, was '"
                            + status + "'");
                }
            }
        }

        boolean matches(ApprovalRow row) {
            if (status == null) {
                return true;
            }
            return switch (status) {
                case "pending" -> row.status() == ApprovalStatus.PENDING;
                case "decided" -> row.status() != ApprovalStatus.PENDING;
                default -> row.status().toString().equals(status);
            };
        }

        /** What to ask the database for the initial answer: true, false or null (all). */
        Boolean pending() {
            if (status == null) {
                return null;
            }
            return status.equals("pending");
        }
    }
}
