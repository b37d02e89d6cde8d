package dev.agentcommander.schema.command;

import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import java.util.List;

/** Press named keys ({@code Enter}, {@code Escape}, {@code C-c}, {@code Up}, ...) in order. */
public record SendKeys(List<String> keys) implements CommandBody {
    public SendKeys {
        keys = Require.list(keys, "keys");
        if (keys.isEmpty()) {
            throw new MissingFieldException("keys", "must name at least one key");
        }
    }
}
