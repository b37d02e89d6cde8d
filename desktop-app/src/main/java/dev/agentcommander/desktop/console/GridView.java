package dev.agentcommander.desktop.console;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.sessions.StatusBadgeCell;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Several live terminals from any hosts as tiles: each with a header (host, name, status), the layout following
 * the count (1, 2×1, 2×2, 3×3 …), the focused tile taking the keyboard (Ctrl+Shift+arrows move it). Tiles stream
 * only while the grid is shown; a closed tile unsubscribes. UI thread.
 */
public final class GridView {
    public static final String GRID_ID = "console-grid";
    public static final KeyCombination OPEN_TILE = new KeyCodeCombination(KeyCode.O,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final PseudoClass FOCUSED_TILE = PseudoClass.getPseudoClass("focused-tile");

    private final GridViewModel model;
    private final SessionsViewModel sessions;
    private final Function<SessionItem, LiveTerminal> terminals;
    private final Consumer<String> openSession;
    private final StackPane root = new StackPane();
    private final GridPane grid = new GridPane();
    private final Map<String, Tile> tiles = new HashMap<>();
    private boolean shown;

    public GridView(GridViewModel model, SessionsViewModel sessions, Function<SessionItem, LiveTerminal> terminals,
                    Consumer<String> openSession) {
        this.model = model;
        this.sessions = sessions;
        this.terminals = terminals;
        this.openSession = openSession;
        root.getStylesheets().add(GridView.class.getResource("console.css").toExternalForm());
        grid.setId(GRID_ID);
        grid.getStyleClass().add("console-grid");
        Label empty = new Label("No terminals in the grid. Select sessions in the Sessions tab (Ctrl or Shift + click) "
                + "and press Ctrl+G to watch them side by side.");
        empty.setWrapText(true);
        empty.getStyleClass().addAll("grid-empty", Styles.TEXT_MUTED);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.sessionIds()));
        root.getChildren().addAll(grid, empty);
        model.sessionIds().addListener((ListChangeListener<String>) change -> rebuild());
        model.focusedProperty().addListener((observable, before, index) -> focusChanged());
        rebuild();
    }

    public Node node() {
        return root;
    }

    /** Shown: every tile streams; hidden: none does. */
    public void visible(boolean value) {
        shown = value;
        tiles.values().forEach(tile -> tile.terminal.visible(value));
        if (value) {
            focusChanged();
        }
    }

    /** The live terminal of a tile, for tests and the view's own use. */
    public LiveTerminal terminal(String sessionId) {
        Tile tile = tiles.get(sessionId);
        return tile == null ? null : tile.terminal;
    }

    public void close() {
        tiles.values().forEach(tile -> tile.terminal.close());
        tiles.clear();
    }

    private void rebuild() {
        List<String> ids = model.snapshot();
        tiles.entrySet().removeIf(entry -> {
            if (!ids.contains(entry.getKey())) {
                entry.getValue().terminal.close();
                return true;
            }
            return false;
        });
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        GridLayout layout = GridLayout.of(ids.size());
        for (int column = 0; column < layout.columns(); column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setPercentWidth(100.0 / layout.columns());
            constraints.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(constraints);
        }
        for (int row = 0; row < layout.rows(); row++) {
            RowConstraints constraints = new RowConstraints();
            constraints.setPercentHeight(100.0 / layout.rows());
            constraints.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(constraints);
        }
        for (int index = 0; index < ids.size(); index++) {
            String id = ids.get(index);
            SessionItem item = sessions.item(id);
            if (item == null) {
                continue;
            }
            Tile tile = tiles.computeIfAbsent(id, ignored -> new Tile(item, terminals.apply(item)));
            tile.terminal.visible(shown);
            grid.add(tile.box, index % layout.columns(), index / layout.columns());
        }
        focusChanged();
    }

    private void focusChanged() {
        String focusedId = model.focusedSessionId();
        tiles.forEach((id, tile) -> tile.box.pseudoClassStateChanged(FOCUSED_TILE, id.equals(focusedId)));
        Tile focused = focusedId == null ? null : tiles.get(focusedId);
        if (focused != null && shown) {
            focused.terminal.terminal().focus();
        }
    }

    /**
     * The grid's keys, wherever the focus is while the grid is shown: Ctrl+Shift+arrows move the focus between
     * tiles, {@code closeTile} (the workspace's close key) closes the focused tile, Ctrl+Shift+O opens it as a
     * session. Consumes the event it acts on.
     */
    public void keyPressed(KeyEvent event, KeyCombination closeTile) {
        boolean move = event.isShortcutDown() && event.isShiftDown();
        if (move && event.getCode() == KeyCode.LEFT) {
            model.move(-1, 0);
        } else if (move && event.getCode() == KeyCode.RIGHT) {
            model.move(1, 0);
        } else if (move && event.getCode() == KeyCode.UP) {
            model.move(0, -1);
        } else if (move && event.getCode() == KeyCode.DOWN) {
            model.move(0, 1);
        } else if (closeTile.match(event) && model.focusedSessionId() != null) {
            model.remove(model.focusedSessionId());
        } else if (OPEN_TILE.match(event) && model.focusedSessionId() != null) {
            openSession.accept(model.focusedSessionId());
        } else {
            return;
        }
        event.consume();
    }

    /** One tile: header and terminal. */
    private final class Tile {
        final LiveTerminal terminal;
        final BorderPane box = new BorderPane();

        Tile(SessionItem item, LiveTerminal terminal) {
            this.terminal = terminal;
            Label name = new Label();
            name.getStyleClass().add("grid-tile-name");
            name.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> SessionsViewModel.displayName(item.row()), item.rowProperty()));
            Label host = new Label();
            host.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            host.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> sessions.hostName(item.row().hostId()), item.rowProperty(), sessions.hostNames()));
            Label badge = new Label();
            StatusBadgeCell.show(badge, item.row());
            item.rowProperty().addListener((observable, before, row) -> {
                StatusBadgeCell.show(badge, row);
                terminal.rowChanged(row);
            });
            Button open = tileButton(Feather.MAXIMIZE_2, "Open this session (Ctrl+Shift+O)",
                    () -> openSession.accept(item.sessionId()));
            Button close = tileButton(Feather.X, "Close this tile (Ctrl+Shift+W)", () -> model.remove(item.sessionId()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox header = new HBox(8, name, host, badge, spacer, open, close);
            header.setAlignment(Pos.CENTER_LEFT);
            header.getStyleClass().add("grid-tile-header");
            box.getStyleClass().add("grid-tile");
            box.setUserData(item.sessionId());
            box.setTop(header);
            box.setCenter(new StackPane(terminal.node(), NotKeptMessage.over(terminal)));
            box.addEventFilter(MouseEvent.MOUSE_PRESSED,
                    event -> model.focusedProperty().set(model.sessionIds().indexOf(item.sessionId())));
            terminal.node().focusedProperty().addListener((observable, before, now) -> {
                if (now) {
                    model.focusedProperty().set(model.sessionIds().indexOf(item.sessionId()));
                }
            });
        }

        private Button tileButton(Feather icon, String tip, Runnable action) {
            Button button = new Button(null, new FontIcon(icon));
            button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            button.setTooltip(new Tooltip(tip));
            button.setFocusTraversable(false);
            button.setOnAction(event -> action.run());
            return button;
        }
    }
}
