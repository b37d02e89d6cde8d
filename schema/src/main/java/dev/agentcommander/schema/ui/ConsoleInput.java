package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.UiToControl;

/**
 * Live input for the pane a console subscription follows: {@code data} is the raw bytes typed, base64-encoded.
 * Never queued or stored; operators and admins only.
 */
public record ConsoleInput(String subscriptionId, String data) implements UiToControl {
    public ConsoleInput {
        Require.text(subscriptionId, "subscription_id");
        Require.present(data, "data");
    }
}
