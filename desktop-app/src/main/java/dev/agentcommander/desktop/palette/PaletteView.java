package dev.agentcommander.desktop.palette;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The command palette: a box over the window to jump to a session or approval, or run an action, by typing. Up and
 * Down choose, Enter does it, Esc closes. It lies on top of the window's content and hides itself. UI thread.
 */
public final class PaletteView {
    public static final String QUERY_ID = "palette-query";
    public static final String LIST_ID = "palette-list";

    private final PaletteViewModel model;
    private final StackPane layer = new StackPane();
    private final TextField query = new TextField();
    private final ListView<PaletteEntry> list = new ListView<>();
    private Node returnFocusTo;

    public PaletteView(PaletteViewModel model) {
        this.model = model;
        query.setId(QUERY_ID);
        query.setPromptText("Jump to a session or approval, or run an action…");
        query.textProperty().bindBidirectional(model.queryProperty());
        list.setId(LIST_ID);
        list.setItems(model.matches());
        list.setCellFactory(ignored -> new EntryCell());
        list.setFocusTraversable(false);
        list.setPrefHeight(360);
        Label empty = new Label("Nothing matches. Try a session name, a folder, a tool or an action.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        model.matches().addListener((javafx.collections.ListChangeListener<PaletteEntry>) change -> {
            if (!model.matches().isEmpty()) {
                list.getSelectionModel().select(0);
            }
        });
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                runSelected();
            }
        });
        VBox box = new VBox(6, query, list);
        box.getStyleClass().add("palette");
        box.setMaxWidth(640);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        layer.getChildren().add(box);
        layer.getStyleClass().add("palette-layer");
        layer.setVisible(false);
        layer.setPickOnBounds(true);
        layer.setOnMouseClicked(event -> {
            if (event.getTarget() == layer) {
                hide();
            }
        });
        layer.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    /** The layer to put over the window's content. */
    public Node node() {
        return layer;
    }

    public void show() {
        returnFocusTo = layer.getScene() == null ? null : layer.getScene().getFocusOwner();
        model.opened();
        layer.setVisible(true);
        query.requestFocus();
    }

    public void hide() {
        layer.setVisible(false);
        if (returnFocusTo != null) {
            returnFocusTo.requestFocus();
            returnFocusTo = null;
        }
    }

    private void keys(KeyEvent event) {
        switch (event.getCode()) {
            case ESCAPE -> hide();
            case ENTER -> runSelected();
            case DOWN -> list.getSelectionModel().selectNext();
            case UP -> list.getSelectionModel().selectPrevious();
            default -> {
                return;
            }
        }
        list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex()));
        event.consume();
    }

    private void runSelected() {
        PaletteEntry entry = list.getSelectionModel().getSelectedItem();
        returnFocusTo = null;
        layer.setVisible(false);
        if (entry != null) {
            entry.action().run();
        }
    }

    private static Ikon iconOf(PaletteEntry.Kind kind) {
        return switch (kind) {
            case APPROVAL -> Feather.SHIELD;
            case SESSION -> Feather.TERMINAL;
            case ACTION -> Feather.CHEVRON_RIGHT;
        };
    }

    private static final class EntryCell extends ListCell<PaletteEntry> {
        private final FontIcon icon = new FontIcon();
        private final Label text = new Label();
        private final Label hint = new Label();
        private final HBox box;

        EntryCell() {
            hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            hint.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(8, icon, text, spacer, hint);
            box.setAlignment(Pos.CENTER_LEFT);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PaletteEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            icon.setIconCode(iconOf(entry.kind()));
            text.setText(entry.text());
            hint.setText(entry.hint() == null ? "" : entry.hint());
            setGraphic(box);
        }
    }
}
