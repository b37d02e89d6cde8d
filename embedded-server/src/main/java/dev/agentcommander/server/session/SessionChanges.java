package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.bus.ChangeBus;

/** Session rows as stored after each commit: the agent link publishes, UI subscriptions listen. Thread-safe. */
public final class SessionChanges extends ChangeBus<SessionRow> {
    public SessionChanges() {
        super("session");
    }
}
