package dev.agentcommander.agentd.hooks;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One approval agentd waits for; {@code settled} completes once, with whichever outcome comes first. */
record PendingApproval(String approvalId, String sessionId, String paneId, String claudeSessionId, Instant openedAt,
                       CompletableFuture<Settlement> settled) {
}
