package dev.agentcommander.server.cluster;

import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.session.SessionChanges;

/** The change buses whose local changes cross to the other nodes, and which other nodes' changes feed here. */
public record TeamFeeds(SessionChanges sessions, ChangeBus<ApprovalRow> approvals, ChangeBus<String> eventSessions,
        ChangeBus<HostRow> hosts, ChangeBus<String> queuedCommands,
        ChangeBus<String> revokedTokens) {
}
