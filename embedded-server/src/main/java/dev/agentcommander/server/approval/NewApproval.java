package dev.agentcommander.server.approval;

import java.time.Instant;

/** An {@code approval.requested} event turned into a pending row; {@code toolInput} is JSON text. */
public record NewApproval(String approvalId, String sessionId, String hostId, String toolName, String toolInput,
        String cwd, Instant requestedAt) {
}
