package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.HostRow;
import java.util.List;

/** Hosts that were created or changed (online state, last_seen, last_acked_seq). */
public record HostsChanged(String subscriptionId, List<HostRow> hosts) implements ControlToUi {
    public HostsChanged {
        Require.text(subscriptionId, "subscription_id");
        hosts = Require.list(hosts, "hosts");
    }
}
