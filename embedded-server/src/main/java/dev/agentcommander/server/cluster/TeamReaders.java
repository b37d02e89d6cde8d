package dev.agentcommander.server.cluster;

import dev.agentcommander.server.agentlink.AgentLinks;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.auth.HostTokens;
import dev.agentcommander.server.command.Commands;
import dev.agentcommander.server.host.Hosts;
import dev.agentcommander.server.session.Sessions;

/** What the relay re-reads notified rows with, and the local agent sockets it hands commands and decisions to. */
public record TeamReaders(Sessions sessions, Approvals approvals, Hosts hosts, Commands commands,
        HostTokens hostTokens, AgentLinks local) {
}
