package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Control plane → agentd: start streaming the session's console as {@code console.chunk} for this subscription. */
public record ConsoleSubscribe(String subscriptionId) implements CommandBody {
    public ConsoleSubscribe {
        Require.text(subscriptionId, "subscription_id");
    }
}
