package dev.agentcommander.server.cluster;

import dev.agentcommander.server.host.HostChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Which node holds which host's agent socket. This node records its own holds in {@code hosts.agent_node_id}
 * and beats in {@code cluster_nodes}; the hosts other live nodes hold are cached here and re-read on every
 * host notification and heartbeat, so a dead node's hosts turn offline once its heartbeat is stale.
 * Thread-safe.
 */
public final class NodePresence {
    /** How often a node beats. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** A node silent this long is dead: its hosts count as offline. */
    static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Clock clock;
    private final HostChannel local;
    private final String nodeId = UUID.randomUUID().toString();
    private volatile Set<String> heldElsewhere = Set.of();

    public NodePresence(Jdbi jdbi, Clock clock, HostChannel local) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.local = local;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Registers this node; call once before it serves. */
    public void register() {
        jdbi.useExtension(NodeDao.class, dao -> dao.register(nodeId, clock.instant()));
    }

    /** Whether the host's agent is connected here or to another live node. */
    public boolean online(String hostId) {
        return local.online(hostId) || heldElsewhere.contains(hostId);
    }

    /** The host's agent just connected here. */
    public void claim(String hostId) {
        jdbi.useExtension(NodeDao.class, dao -> dao.claim(hostId, nodeId));
    }

    /** The host's agent socket here closed; kept when a newer socket of the host is open here already. */
    public void release(String hostId) {
        if (!local.online(hostId)) {
            jdbi.useExtension(NodeDao.class, dao -> dao.release(hostId, nodeId));
        }
    }

    /** Beats, then re-reads the other nodes' hosts; returns the hosts whose remote hold changed. */
    public Set<String> heartbeat() {
        jdbi.useExtension(NodeDao.class, dao -> {
            if (dao.heartbeat(nodeId, clock.instant()) == 0) {
                dao.register(nodeId, clock.instant()); // someone removed our row: we are alive after all
            }
        });
        return refresh();
    }

    /** Re-reads the hosts other live nodes hold; returns those that went online or offline there. */
    public synchronized Set<String> refresh() {
        List<String> now = jdbi.withExtension(NodeDao.class,
                dao -> dao.heldElsewhere(nodeId, clock.instant().minus(DEAD_AFTER)));
        Set<String> fresh = Set.copyOf(now);
        Set<String> before = heldElsewhere;
        heldElsewhere = fresh;
        Set<String> changed = new HashSet<>(fresh);
        changed.addAll(before);
        Set<String> both = new HashSet<>(fresh);
        both.retainAll(before);
        changed.removeAll(both);
        return changed;
    }

    /** Stopping: this node holds nothing any more. */
    public void unregister() {
        jdbi.useExtension(NodeDao.class, dao -> {
            dao.releaseAll(nodeId);
            dao.unregister(nodeId);
        });
    }
}
