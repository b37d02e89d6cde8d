package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Give the session a new display name. */
public record RenameSession(String name) implements CommandBody {
    public RenameSession {
        Require.text(name, "name");
    }
}
