package dev.agentcommander.desktop.console;

import dev.agentcommander.schema.model.SessionRow;

/** A pane's size in cells, as agentd reports it in the session row; 80 × 24 when it does not (yet). */
public record PaneSize(int cols, int rows) {
    public static final PaneSize DEFAULT = new PaneSize(80, 24);

    public static PaneSize of(SessionRow row) {
        if (row == null || row.tmux() == null || row.tmux().cols() == null || row.tmux().rows() == null) {
            return DEFAULT;
        }
        return new PaneSize(row.tmux().cols(), row.tmux().rows());
    }
}
