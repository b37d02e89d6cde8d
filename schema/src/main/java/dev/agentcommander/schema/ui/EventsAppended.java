package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.EventRow;
import java.util.List;

/** New events of the subscribed session, oldest first. */
public record EventsAppended(String subscriptionId, List<EventRow> events) implements ControlToUi {
    public EventsAppended {
        Require.text(subscriptionId, "subscription_id");
        events = Require.list(events, "events");
    }
}
