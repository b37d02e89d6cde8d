package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.model.TmuxRef;

/**
 * Resize the session's pane to {@code cols} × {@code rows} cells: an explicit action ("fit pane to this view"), never
 * a side effect of watching. A pane alone in its window resizes its window (which then keeps that size).
 */
public record ResizePane(Integer cols, Integer rows) implements CommandBody {
    public ResizePane {
        Require.present(cols, "cols");
        Require.present(rows, "rows");
        Require.optionalInRange(cols, TmuxRef.MAX_CELLS, "cols");
        Require.optionalInRange(rows, TmuxRef.MAX_CELLS, "rows");
    }
}
