package dev.agentcommander.server.approval;

import java.time.Instant;

/** agentd closed a pending approval of {@code hostId} itself; {@code status} is the close reason's status. */
public record ApprovalClose(String approvalId, String hostId, String status, Instant closedAt) {
}
