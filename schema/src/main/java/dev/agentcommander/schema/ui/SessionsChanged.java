package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.SessionRow;
import java.util.List;

/** Full rows (with host_id) of sessions that match the subscription and changed; the first one holds them all. */
public record SessionsChanged(String subscriptionId, List<SessionRow> sessions) implements ControlToUi {
    public SessionsChanged {
        Require.text(subscriptionId, "subscription_id");
        sessions = Require.list(sessions, "sessions");
    }
}
