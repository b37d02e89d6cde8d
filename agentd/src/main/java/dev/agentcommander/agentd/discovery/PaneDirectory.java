package dev.agentcommander.agentd.discovery;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.Optional;

/**
 * Finds the pane of a session (or a pane by id) with one {@code list-panes -a} call, so a command always acts on the
 * pane as it is now, not as the last poll saw it. Thread-safe.
 */
public final class PaneDirectory {
    private final PaneLister lister;

    public PaneDirectory(TmuxRunner tmux) {
        this.lister = new PaneLister(tmux);
    }

    /** The pane tagged with {@code sessionId}, if any. */
    public Optional<Pane> bySession(String sessionId) throws TmuxException {
        return lister.list().stream().filter(pane -> pane.sessionId().equals(sessionId)).findFirst();
    }

    /** The pane {@code %N}, if it exists. */
    public Optional<Pane> byPaneId(String paneId) throws TmuxException {
        return lister.list().stream().filter(pane -> pane.paneId().equals(paneId)).findFirst();
    }
}
