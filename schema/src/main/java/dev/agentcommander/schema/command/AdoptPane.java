package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Tag an existing pane as a session and detect its provider. */
public record AdoptPane(String paneId) implements CommandBody {
    public AdoptPane {
        Require.text(paneId, "pane_id");
    }

    @Override
    public boolean targetsSession() {
        return false;
    }
}
