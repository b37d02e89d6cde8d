package dev.agentcommander.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.console.Snapshots;
import dev.agentcommander.server.db.DatabaseUrl;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Team mode on PostgreSQL: this node's changes go out with NOTIFY on {@link #CHANNEL}, the other nodes' come in
 * through a dedicated LISTEN connection and are handled one at a time on an inbound thread (so the listener
 * never waits for the database). Thread-safe.
 */
public final class Cluster implements AutoCloseable {
    public static final String CHANNEL = "ac_changes";
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final ClusterRelay relay;
    private final NodePresence presence;
    private final PgNotifier notifier;
    private final PgListener listener;
    private final ExecutorService inbound;

    private Cluster(ClusterRelay relay, NodePresence presence, PgNotifier notifier, PgListener listener,
            ExecutorService inbound) {
        this.relay = relay;
        this.presence = presence;
        this.notifier = notifier;
        this.listener = listener;
        this.inbound = inbound;
    }

    /**
     * Joins the team: listens, then forwards local changes.
     *
     * @throws IllegalStateException when the LISTEN connection cannot be opened
     */
    public static Cluster join(DatabaseUrl url, Jdbi jdbi, ObjectMapper mapper, NodePresence presence,
            TeamFeeds feeds, TeamReaders readers, ConsoleRelay console, Snapshots snapshots) {
        ExecutorService inbound = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-inbound");
            thread.setDaemon(true);
            return thread;
        });
        PgNotifier notifier = new PgNotifier(jdbi, mapper, CHANNEL, presence.nodeId());
        ClusterConsoles consoles = new ClusterConsoles(presence.nodeId(), notifier, console, snapshots,
                readers.hosts());
        ClusterRelay relay = new ClusterRelay(presence.nodeId(), feeds, readers, presence, mapper, consoles);
        PgListener listener = new PgListener(url, CHANNEL, "agent-commander-listen-" + presence.nodeId(),
                payload -> inbound.execute(() -> guarded("team notification", () -> relay.received(payload))),
                lostAt -> inbound.execute(() -> guarded("team resync", () -> relay.resync(lostAt))));
        try {
            listener.start();
        } catch (SQLException e) {
            inbound.shutdownNow();
            throw new IllegalStateException("cannot LISTEN on the team channel: " + e.getMessage(), e);
        }
        notifier.start();
        relay.forwardTo(notifier);
        console.bridge(consoles);
        LOG.info("team mode: node {} joined", presence.nodeId());
        return new Cluster(relay, presence, notifier, listener, inbound);
    }

    /** Runs every {@link NodePresence#HEARTBEAT}: beats, and tells local subscribers of hosts other nodes lost/won. */
    public void heartbeat() {
        Set<String> changed = presence.heartbeat();
        if (!changed.isEmpty()) {
            inbound.execute(() -> guarded("host presence", () -> relay.presenceChanged(changed)));
        }
    }

    @Override
    public void close() {
        listener.close();
        notifier.close();
        inbound.shutdownNow();
        try {
            inbound.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
        }
    }
}
