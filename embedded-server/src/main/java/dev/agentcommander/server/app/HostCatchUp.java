package dev.agentcommander.server.app;

import dev.agentcommander.server.agentlink.HostPresence;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.command.Commands;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.host.HostFeed;

/**
 * What a host's (re)connection sets off: {@code hosts} subscribers hear of it, and the new agent socket gets
 * what waited for it (queued commands, undelivered decisions, the console subscriptions UI clients hold).
 * Thread-safe; runs on the socket's thread.
 */
final class HostCatchUp implements HostPresence {
    private final HostFeed hostFeed;
    private final Commands commands;
    private final Approvals approvals;
    private final ConsoleRelay console;

    HostCatchUp(HostFeed hostFeed, Commands commands, Approvals approvals, ConsoleRelay console) {
        this.hostFeed = hostFeed;
        this.commands = commands;
        this.approvals = approvals;
        this.console = console;
    }

    @Override
    public void connected(String hostId) {
        hostFeed.changed(hostId);
        commands.dispatchQueued(hostId);
        approvals.redeliver(hostId);
        console.hostConnected(hostId);
    }

    @Override
    public void disconnected(String hostId) {
        hostFeed.changed(hostId);
    }
}
