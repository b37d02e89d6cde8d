package dev.agentcommander.desktop.sessions;

import dev.agentcommander.desktop.spawn.SpawnKind;
import java.util.List;
import javafx.scene.Node;

/** What the sessions table asks the rest of the window to do with the selected sessions. UI thread. */
public interface SessionsHandler {
    void open(List<SessionItem> items);

    void grid(List<SessionItem> items);

    /** Rename, interrupt, kill, adopt or clean up one session; {@code owner} places the dialogs. */
    void act(SessionAction action, SessionItem item, Node owner);

    /** Opens the form that starts a worktree session or a Codex job. */
    void spawn(SpawnKind kind);
}
