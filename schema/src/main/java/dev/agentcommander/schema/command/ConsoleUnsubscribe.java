package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Control plane → agentd: stop the console stream of this subscription. */
public record ConsoleUnsubscribe(String subscriptionId) implements CommandBody {
    public ConsoleUnsubscribe {
        Require.text(subscriptionId, "subscription_id");
    }
}
