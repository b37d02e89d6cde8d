package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.session.SessionChanges;
import java.util.function.Consumer;

/**
 * Where the agent link tells what it committed: session rows, approvals, the sessions that got events, and the
 * host whose cursor moved (coalesced by the receiver).
 */
public record AgentFeeds(SessionChanges sessions, ChangeBus<ApprovalRow> approvals, ChangeBus<String> eventSessions,
        Consumer<String> hostProgress) {
}
