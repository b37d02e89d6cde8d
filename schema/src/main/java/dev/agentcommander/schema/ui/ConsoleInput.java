package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.ConsoleBytes;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.UiToControl;

/**
 * Live input for the pane a console subscription follows: {@code data} is the raw bytes typed, base64-encoded, at
 * most {@value ConsoleBytes#MAX_INPUT_BYTES} of them (a longer paste goes in several messages). Never queued or
 * stored; operators and admins only.
 */
public record ConsoleInput(String subscriptionId, String data) implements UiToControl {
    public ConsoleInput {
        Require.text(subscriptionId, "subscription_id");
        ConsoleBytes.requireInput(data, "data");
    }

    public byte[] bytes() {
        return ConsoleBytes.decode(data);
    }
}
