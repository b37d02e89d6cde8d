package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.UiToControl;

/** Stop a subscription. */
public record Unsubscribe(String subscriptionId) implements UiToControl {
    public Unsubscribe {
        Require.text(subscriptionId, "subscription_id");
    }
}
