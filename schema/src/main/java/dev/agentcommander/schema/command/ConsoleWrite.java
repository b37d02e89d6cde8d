package dev.agentcommander.schema.command;

import dev.agentcommander.schema.ConsoleBytes;
import dev.agentcommander.schema.Require;

/**
 * Control plane → agentd, live: write these bytes (base64) into the pane that console subscription
 * {@code subscription_id} streams, exactly as typed. Never stored and never answered with a result; a write for a
 * subscription agentd no longer has is dropped.
 */
public record ConsoleWrite(String subscriptionId, String data) implements CommandBody {
    public ConsoleWrite {
        Require.text(subscriptionId, "subscription_id");
        ConsoleBytes.requireInput(data, "data");
    }

    public byte[] bytes() {
        return ConsoleBytes.decode(data);
    }
}
