package dev.agentcommander.server.agentlink;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The newest agent connection of each host on this node. A closed link stays registered until its host
 * reconnects, so the successor can wait for its last batch. Thread-safe.
 */
public final class AgentLinks {
    private final ConcurrentMap<String, AgentLink> byHost = new ConcurrentHashMap<>();

    /** Whether the host has an open agent connection to this node. */
    public boolean online(String hostId) {
        AgentLink link = byHost.get(hostId);
        return link != null && link.isOpen();
    }

    /** Closes the agent connections opened with a token that was just revoked. */
    public void closeToken(String tokenId) {
        for (AgentLink link : byHost.values()) {
            if (link.tokenId().equals(tokenId) && link.isOpen()) {
                link.close(1008, "host token revoked");
            }
        }
    }

    /** Registers {@code link} as its host's connection; returns the one it replaces, or null. */
    AgentLink attach(AgentLink link) {
        return byHost.put(link.hostId(), link);
    }

    public void closeAll() {
        for (AgentLink link : byHost.values()) {
            link.close(1001, "control plane shutting down");
        }
    }
}
