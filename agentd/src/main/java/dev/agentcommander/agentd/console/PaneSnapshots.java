package dev.agentcommander.agentd.console;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.Optional;

/** Reads a pane's place and screen with tmux. Stateless apart from the runner; thread-safe. */
final class PaneSnapshots {
    /** Scrollback lines above the visible screen that a snapshot carries. */
    static final int SCROLLBACK_LINES = 2000;
    private static final String SEPARATOR = "\u001f";

    /** Where a pane lives and how big it is. */
    record PanePlace(String tmuxSessionId, int cols, int rows) {
    }

    private final TmuxRunner tmux;

    PaneSnapshots(TmuxRunner tmux) {
        this.tmux = tmux;
    }

    /** The pane's tmux session ({@code $N}) and size; empty when the pane does not exist. */
    Optional<PanePlace> place(String paneId) throws TmuxException {
        String out;
        try {
            out = tmux.run("display-message", "-p", "-t", paneId,
                    "#{session_id}" + SEPARATOR + "#{pane_width}" + SEPARATOR + "#{pane_height}");
        } catch (TmuxException e) {
            if (e.stderr().contains("can't find pane") || e.noServer()) {
                return Optional.empty();
            }
            throw e;
        }
        String[] parts = out.strip().split(SEPARATOR);
        if (parts.length != 3 || !parts[0].startsWith("$")) {
            return Optional.empty();
        }
        return Optional.of(new PanePlace(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    }

    /** The screen with scrollback, colours and attributes as escape sequences, wrapped lines joined. */
    String capture(String paneId) throws TmuxException {
        return tmux.run("capture-pane", "-p", "-e", "-J", "-S", "-" + SCROLLBACK_LINES, "-t", paneId);
    }
}
