package dev.agentcommander.schema.model;

import dev.agentcommander.schema.Require;

/**
 * Where a session lives in tmux: pane id ({@code %3}), session name and window index, and the pane's size in
 * cells ({@code cols} × {@code rows}; null when the agent does not report it).
 */
public record TmuxRef(String paneId, String session, String window, Integer cols, Integer rows) {
    /** tmux caps a window at 10,000 cells a side. */
    public static final int MAX_CELLS = 10_000;

    public TmuxRef {
        Require.text(paneId, "pane_id");
        Require.optionalInRange(cols, MAX_CELLS, "cols");
        Require.optionalInRange(rows, MAX_CELLS, "rows");
    }

    /** Without the pane's size. */
    public TmuxRef(String paneId, String session, String window) {
        this(paneId, session, window, null, null);
    }
}
