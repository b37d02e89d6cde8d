package dev.agentcommander.schema.model;

import dev.agentcommander.schema.Require;

/** Where a session lives in tmux: pane id ({@code %3}), session name and window index. */
public record TmuxRef(String paneId, String session, String window) {
    public TmuxRef {
        Require.text(paneId, "pane_id");
    }
}
