package dev.agentcommander.agentd.jobs;

import dev.agentcommander.schema.model.SessionStatus;

/** How a job ended: {@code done} or {@code error}, and why (for the session's {@code status_reason}). */
record JobOutcome(SessionStatus status, String reason) {
}
