package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.approvals.ApprovalsScreen;
import dev.agentcommander.desktop.console.GridView;
import dev.agentcommander.desktop.hosts.HostsScreen;
import dev.agentcommander.desktop.hosts.HostsView;
import dev.agentcommander.desktop.console.SessionView;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.spawn.SpawnScreen;
import dev.agentcommander.desktop.spawn.SpawnView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The keyboard shortcuts, listed over the window (F1): read from the constants the screens use, so the list is the
 * truth. Any key or click closes it. UI thread.
 */
public final class ShortcutsOverlay {
    public static final KeyCombination SHOW = new KeyCodeCombination(KeyCode.F1);
    public static final KeyCombination PALETTE = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);

    private record Shortcut(String keys, String what) { }

    private final StackPane layer = new StackPane();
    private Node returnFocusTo;

    public ShortcutsOverlay() {
        GridPane grid = new GridPane();
        grid.setHgap(28);
        grid.setVgap(14);
        int row = 0;
        int column = 0;
        for (List<Object> group : groups()) {
            Label title = new Label((String) group.get(0));
            title.getStyleClass().add(Styles.TITLE_4);
            VBox lines = new VBox(4, title);
            for (Object item : group.subList(1, group.size())) {
                Shortcut shortcut = (Shortcut) item;
                Label keys = new Label(shortcut.keys());
                keys.getStyleClass().add("shortcut-keys");
                keys.setMinWidth(150);
                Label what = new Label(shortcut.what());
                lines.getChildren().add(new javafx.scene.layout.HBox(10, keys, what));
            }
            grid.add(lines, column, row);
            column++;
            if (column == 2) {
                column = 0;
                row++;
            }
        }
        Label close = new Label("Press any key to close.");
        close.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox box = new VBox(12, grid, close);
        box.getStyleClass().add("palette");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        layer.getChildren().add(box);
        layer.getStyleClass().add("palette-layer");
        layer.setVisible(false);
        layer.setOnMouseClicked(event -> hide());
        layer.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            hide();
            event.consume();
        });
        layer.setFocusTraversable(true);
    }

    public Node node() {
        return layer;
    }

    public void show() {
        returnFocusTo = layer.getScene() == null ? null : layer.getScene().getFocusOwner();
        layer.setVisible(true);
        layer.requestFocus();
    }

    public void hide() {
        layer.setVisible(false);
        if (returnFocusTo != null) {
            returnFocusTo.requestFocus();
            returnFocusTo = null;
        }
    }

    private static List<List<Object>> groups() {
        List<Object> everywhere = new ArrayList<>(List.of("Everywhere",
                s(PALETTE, "Command palette (outside a terminal)"),
                s(SHOW, "These shortcuts"),
                s(MainWindow.SETTINGS, "Settings"),
                s(Workspace.HOME, "Sessions table"),
                s(ApprovalsScreen.SHORTCUT, "Approvals queue"),
                s(HostsScreen.SHORTCUT, "Hosts"),
                s(SpawnScreen.NEW_SESSION, "Start a worktree session"),
                s(SpawnScreen.NEW_JOB, "Start a Codex job"),
                s(SpawnView.START, "Start it (in the form)"),
                s(Workspace.NEXT_TAB, "Next tab"),
                s(Workspace.PREVIOUS_TAB, "Previous tab"),
                s(Workspace.CLOSE_TAB, "Close the session tab or grid tile")));
        List<Object> sessions = new ArrayList<>(List.of("Sessions table and session view",
                new Shortcut("Enter", "Open the selected sessions"),
                s(SessionsView.GRID, "Open the selected sessions in the grid")));
        for (SessionAction action : SessionAction.values()) {
            sessions.add(s(action.key(), action.label().replace("…", "")));
        }
        List<Object> terminal = List.of("Session view and grid",
                s(SessionView.TIMELINE, "Show or hide the timeline"),
                s(SessionView.FIT, "Fit the pane to this view (resizes it)"),
                s(SessionView.PASTE, "Paste into the terminal"),
                s(SessionView.EXPORT, "Export the recording (.cast)"),
                new Shortcut("Ctrl+Shift+arrows", "Move between grid tiles"),
                s(GridView.OPEN_TILE, "Open the focused tile as a session"));
        List<Object> approvals = List.of("Approvals",
                new Shortcut("A", "Allow"),
                new Shortcut("D, then Enter", "Deny, with a message for the agent"),
                new Shortcut("E, then Ctrl+Enter", "Edit the input, then allow it"),
                new Shortcut("Esc", "Cancel denying or editing"),
                new Shortcut("Up / Down", "Previous / next approval"));
        List<Object> hosts = List.of("Hosts (admins)",
                s(HostsView.ADD, "Add a host: its token and agentd config"),
                s(HostsView.REVOKE, "Revoke the selected host's token"));
        return List.of(everywhere, sessions, terminal, approvals, hosts);
    }

    private static Shortcut s(KeyCombination keys, String what) {
        return new Shortcut(keys.getDisplayText(), what);
    }
}
