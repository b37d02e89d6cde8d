package dev.agentcommander.server.host;

import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.server.bus.ChangeBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code hosts.changed}: a host going online or offline is published at once; cursor progress
 * (last_acked_seq, last_seen) is coalesced and published by {@link #flush}, which the control plane runs
 * about once a second, so a busy host does not flood the UI. Thread-safe.
 */
public final class HostFeed {
    private static final Logger LOG = LoggerFactory.getLogger(HostFeed.class);

    private final Hosts hosts;
    private final ChangeBus<HostRow> changes;
    private final Set<String> progressed = ConcurrentHashMap.newKeySet();

    public HostFeed(Hosts hosts, ChangeBus<HostRow> changes) {
        this.hosts = hosts;
        this.changes = changes;
    }

    /** Online state changed: publish now. */
    public void changed(String hostId) {
        progressed.remove(hostId);
        publish(List.of(hostId));
    }

    /** The host's cursor moved: publish at the next flush. */
    public void progressed(String hostId) {
        progressed.add(hostId);
    }

    public void flush() {
        if (progressed.isEmpty()) {
            return;
        }
        List<String> due = new ArrayList<>(progressed);
        progressed.removeAll(due);
        publish(due);
    }

    private void publish(List<String> hostIds) {
        if (!changes.hasListeners()) {
            return;
        }
        List<HostRow> rows = new ArrayList<>();
        for (String hostId : hostIds) {
            try {
                rows.add(hosts.require(hostId));
            } catch (RuntimeException e) {
                LOG.debug("host {} not published: {}", hostId, e.toString());
            }
        }
        changes.publish(rows);
    }
}
