package dev.agentcommander.server.approval;

import java.time.Instant;

/** An {@code approvals} row; {@code toolInput} and {@code updatedInput} are JSON text. */
public record StoredApproval(String approvalId, String sessionId, String hostId, String toolName, String toolInput,
        String cwd, String status, Instant requestedAt, String decidedBy, Instant decidedAt, String reason,
        String updatedInput) {
}
