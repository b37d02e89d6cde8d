package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.server.host.HostChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The newest agent connection of each host on this node. A closed link stays registered until its host
 * reconnects, so the successor can wait for its last batch. Thread-safe.
 */
public final class AgentLinks implements HostChannel {
    private final ConcurrentMap<String, AgentLink> byHost = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();

    /** Whether the host has an open agent connection to this node. */
    @Override
    public boolean online(String hostId) {
        AgentLink link = byHost.get(hostId);
        return link != null && link.isOpen();
    }

    @Override
    public boolean send(String hostId, Envelope envelope) {
        AgentLink link = byHost.get(hostId);
        return link != null && link.isOpen() && link.send(envelope);
    }

    /** How many hosts have an open agent connection to this node. */
    public int openCount() {
        return (int) byHost.values().stream().filter(AgentLink::isOpen).count();
    }

    /** The tokens the open agent connections were opened with. */
    public Set<String> openTokenIds() {
        return byHost.values().stream().filter(AgentLink::isOpen).map(AgentLink::tokenId)
                .collect(Collectors.toSet());
    }

    /** Closes the agent connections opened with a token that was just revoked. */
    public void closeToken(String tokenId) {
        for (AgentLink link : byHost.values()) {
            if (link.tokenId().equals(tokenId) && link.isOpen()) {
                link.close(1008, "host token revoked");
            }
        }
    }

    /** The registered links, open or not, starting one further along at each call (fair turns). */
    List<AgentLink> linksFromNext() {
        List<AgentLink> links = new ArrayList<>(byHost.values());
        if (links.isEmpty()) {
            return links;
        }
        Collections.rotate(links, -Math.floorMod(turn.getAndIncrement(), links.size()));
        return links;
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
