package dev.agentcommander.server.app;

import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.server.agentlink.HostPresence;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.cluster.NodePresence;
import dev.agentcommander.server.command.Commands;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.host.HostFeed;
import dev.agentcommander.server.host.Hosts;

/**
 * What a host's (re)connection sets off: this node records that it holds the host, {@code hosts} subscribers
 * hear of it, and the new agent socket gets what waited for it (queued commands, undelivered decisions, the
 * console subscriptions UI clients hold). A hello's agent version and allowed roots are stored on the host row.
 * Thread-safe; runs on the socket's thread.
 */
final class HostCatchUp implements HostPresence {
    private final Hosts hosts;
    private final HostFeed hostFeed;
    private final Commands commands;
    private final Approvals approvals;
    private final ConsoleRelay console;
    private final NodePresence presence;

    HostCatchUp(Hosts hosts, HostFeed hostFeed, Commands commands, Approvals approvals, ConsoleRelay console,
            NodePresence presence) {
        this.hosts = hosts;
        this.hostFeed = hostFeed;
        this.commands = commands;
        this.approvals = approvals;
        this.console = console;
        this.presence = presence;
    }

    @Override
    public void connected(String hostId) {
        presence.claim(hostId); // before the host feed: other nodes re-read the online state from the database
        hostFeed.changed(hostId);
        commands.dispatchOnConnect(hostId);
        approvals.redeliver(hostId);
        console.hostConnected(hostId);
    }

    @Override
    public void introduced(String hostId, AgentHello hello) {
        hosts.recordAgent(hostId, hello.agentVersion(), hello.allowedRoots());
        hostFeed.changed(hostId);
    }

    @Override
    public void disconnected(String hostId) {
        presence.release(hostId);
        hostFeed.changed(hostId);
        console.hostDisconnected(hostId);
    }
}
