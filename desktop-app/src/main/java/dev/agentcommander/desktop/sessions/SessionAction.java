package dev.agentcommander.desktop.sessions;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The actions on one session, with the shortcut that runs each in the sessions table and the session view. The
 * shortcuts use Ctrl+Shift so every plain Ctrl key still reaches a terminal.
 */
public enum SessionAction {
    RENAME("Rename…", new KeyCodeCombination(KeyCode.F2)),
    INTERRUPT("Interrupt", shortcut(KeyCode.I)),
    KILL("Kill…", shortcut(KeyCode.K)),
    ADOPT("Adopt pane", shortcut(KeyCode.A)),
    CLEANUP("Clean up worktree…", shortcut(KeyCode.U));

    private final String label;
    private final KeyCombination key;

    SessionAction(String label, KeyCombination key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    public KeyCombination key() {
        return key;
    }

    public static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }
}
