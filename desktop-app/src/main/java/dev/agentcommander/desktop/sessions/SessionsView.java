package dev.agentcommander.desktop.sessions;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.agentcommander.desktop.spawn.SpawnKind;
import dev.agentcommander.desktop.spawn.SpawnScreen;
import dev.agentcommander.schema.model.SessionRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sessions screen: a live table of every session with a search field. Owned by the UI thread. */
public final class SessionsView {
    public static final String TABLE_ID = "sessions-table";
    public static final String SEARCH_ID = "sessions-search";
    public static final String SUMMARY_ID = "sessions-summary";

    public static final String RESULT_ID = "sessions-result";
    public static final KeyCombination GRID = new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);

    private final SessionsViewModel model;
    private final VBox root = new VBox();
    private final TableView<SessionItem> table = new TableView<>();
    private SessionsHandler handler;

    public SessionsView(SessionsViewModel model) {
        this.model = model;
        root.getStyleClass().add("sessions-view");
        root.getStylesheets().add(SessionsView.class.getResource("sessions.css").toExternalForm());
        root.getChildren().addAll(toolbar(), resultLine(), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        buildTable();
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        table.setContextMenu(contextMenu());
    }

    /** Who opens sessions and runs actions; until it is set (before the app is connected) they do nothing. */
    public void handler(SessionsHandler newHandler) {
        this.handler = newHandler;
    }

    public TableView<SessionItem> table() {
        return table;
    }

    /** The selected rows, in table order. */
    public List<SessionItem> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private void keys(KeyEvent event) {
        if (handler == null) {
            return;
        }
        List<SessionItem> selected = selected();
        if (selected.isEmpty()) {
            return;
        }
        if (event.getCode() == KeyCode.ENTER && !event.isShortcutDown()) {
            handler.open(selected);
        } else if (GRID.match(event)) {
            handler.grid(selected);
        } else {
            SessionAction action = actionFor(event);
            if (action == null) {
                return;
            }
            handler.act(action, selected.get(0), table);
        }
        event.consume();
    }

    private static SessionAction actionFor(KeyEvent event) {
        for (SessionAction action : SessionAction.values()) {
            if (action.key().match(event)) {
                return action;
            }
        }
        return null;
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem("Open", new FontIcon(Feather.TERMINAL));
        open.setAccelerator(new KeyCodeCombination(KeyCode.ENTER));
        open.setOnAction(event -> withSelection(items -> handler.open(items)));
        MenuItem grid = new MenuItem("Open in grid", new FontIcon(Feather.GRID));
        grid.setAccelerator(GRID);
        grid.setOnAction(event -> withSelection(items -> handler.grid(items)));
        ContextMenu menu = new ContextMenu(open, grid, new SeparatorMenuItem());
        for (SessionAction action : SessionAction.values()) {
            MenuItem item = new MenuItem(action.label());
            item.setAccelerator(action.key());
            item.setOnAction(event -> withSelection(items -> handler.act(action, items.get(0), table)));
            menu.getItems().add(item);
        }
        return menu;
    }

    private void withSelection(java.util.function.Consumer<List<SessionItem>> action) {
        List<SessionItem> selected = selected();
        if (handler != null && !selected.isEmpty()) {
            action.accept(selected);
        }
    }

    private Node resultLine() {
        Label result = new Label();
        result.setId(RESULT_ID);
        result.setWrapText(true);
        result.getStyleClass().add("sessions-result");
        model.resultProperty().addListener((observable, before, outcome) -> ResultLabel.show(result, outcome));
        result.managedProperty().bind(result.textProperty().isNotEmpty());
        result.visibleProperty().bind(result.managedProperty());
        return result;
    }

    public Node node() {
        return root;
    }

    public void focusTable() {
        table.requestFocus();
    }

    private Node toolbar() {
        Label title = new Label("Sessions");
        title.getStyleClass().add(Styles.TITLE_4);
        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());

        CustomTextField search = new CustomTextField();
        search.setId(SEARCH_ID);
        search.setPromptText("Filter by name or folder");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefWidth(280);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });

        Button open = new Button("Open", new FontIcon(Feather.TERMINAL));
        open.setId("sessions-open");
        open.setTooltip(new Tooltip("Open the selected session's live terminal (Enter, or double-click)"));
        open.setOnAction(event -> withSelection(items -> handler.open(items)));
        Button grid = new Button("Grid", new FontIcon(Feather.GRID));
        grid.setId("sessions-grid");
        grid.setTooltip(new Tooltip("Watch the selected sessions side by side (Ctrl+G)"));
        grid.setOnAction(event -> withSelection(items -> handler.grid(items)));
        Button newSession = new Button("New session", new FontIcon(Feather.PLUS));
        newSession.setId("sessions-new-session");
        newSession.setTooltip(new Tooltip("Start a session in a new git worktree ("
                + SpawnScreen.NEW_SESSION.getDisplayText() + ")"));
        newSession.setOnAction(event -> handler.spawn(SpawnKind.SESSION));
        Button newJob = new Button("New job", new FontIcon(Feather.PLAY));
        newJob.setId("sessions-new-job");
        newJob.setTooltip(new Tooltip("Start a headless Codex job (" + SpawnScreen.NEW_JOB.getDisplayText() + ")"));
        newJob.setOnAction(event -> handler.spawn(SpawnKind.JOB));
        open.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        grid.disableProperty().bind(open.disableProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, title, summary, spacer, newSession, newJob, open, grid, search);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("sessions-toolbar");
        return bar;
    }

    private void buildTable() {
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(ignored -> {
            SessionTableRow row = new SessionTableRow();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty() && handler != null) {
                    handler.open(List.of(row.getItem()));
                }
            });
            return row;
        });

        TableColumn<SessionItem, String> name = column("Name", "name", 220,
                item -> Bindings.createStringBinding(() -> SessionsViewModel.displayName(item.row()), item.rowProperty()));
        name.setCellFactory(ignored -> new TextCell(OverrunStyle.ELLIPSIS, "session-name"));

        TableColumn<SessionItem, String> host = column("Host", "host", 150,
                item -> Bindings.createStringBinding(() -> model.hostName(item.row().hostId()),
                        item.rowProperty(), model.hostNames()));
        host.setCellFactory(ignored -> new TextCell(OverrunStyle.ELLIPSIS, null));

        TableColumn<SessionItem, String> provider = column("Provider", "provider", 100,
                item -> Bindings.createStringBinding(() -> item.row().provider().toString(), item.rowProperty()));
        provider.setCellFactory(ignored -> new TextCell(OverrunStyle.ELLIPSIS, null));

        // The whole row, so the badge's tooltip follows status_reason even while the status stays the same.
        TableColumn<SessionItem, SessionRow> status = column("Status", "status", 150, SessionItem::rowProperty);
        status.setCellFactory(ignored -> new StatusBadgeCell());
        status.setComparator(Comparator.comparing(SessionRow::status));

        TableColumn<SessionItem, String> cwd = column("Folder", "cwd", 360,
                item -> Bindings.createStringBinding(() -> orDash(item.row().cwd()), item.rowProperty()));
        cwd.setCellFactory(ignored -> new TextCell(OverrunStyle.LEADING_ELLIPSIS, "session-cwd"));

        TableColumn<SessionItem, Instant> activity = column("Last activity", "last-activity", 130,
                item -> Bindings.createObjectBinding(() -> SessionsViewModel.lastActivity(item.row()), item.rowProperty()));
        activity.setCellFactory(ignored -> new LastActivityCell(model.nowProperty()));

        table.getColumns().setAll(List.of(name, host, provider, status, cwd, activity));

        SortedList<SessionItem> sorted = new SortedList<>(model.visibleItems());
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> table.getComparator() != null ? table.getComparator() : SessionsViewModel.defaultOrder(),
                table.comparatorProperty()));
        table.setItems(sorted);
        // The sorted list follows the table's comparator (or the default order when no column is sorted).
        table.setSortPolicy(ignored -> true);

        Label placeholder = new Label();
        placeholder.getStyleClass().addAll("sessions-placeholder", Styles.TEXT_MUTED);
        placeholder.textProperty().bind(model.placeholderProperty());
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
    }

    private static <T> TableColumn<SessionItem, T> column(String title, String id, double width,
                                                         Function<SessionItem, ObservableValue<T>> value) {
        TableColumn<SessionItem, T> column = new TableColumn<>(title);
        column.setId("column-" + id);
        column.setPrefWidth(width);
        column.setMinWidth(60);
        column.setCellValueFactory(features -> value.apply(features.getValue()));
        return column;
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? RelativeTime.UNKNOWN : text;
    }

    /** Text that may be cut, with the full text as tooltip. */
    private static final class TextCell extends TableCell<SessionItem, String> {
        private final Tooltip tooltip = new Tooltip();

        TextCell(OverrunStyle overrun, String styleClass) {
            setTextOverrun(overrun);
            if (styleClass != null) {
                getStyleClass().add(styleClass);
            }
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            tooltip.setText(text);
            setTooltip(empty || text == null ? null : tooltip);
        }
    }

    /** "12s ago", refreshed as the clock ticks; the tooltip gives the exact time. */
    private static final class LastActivityCell extends TableCell<SessionItem, Instant> {
        private final Tooltip tooltip = new Tooltip();

        LastActivityCell(ObservableValue<Instant> now) {
            textProperty().bind(Bindings.createStringBinding(
                    () -> isEmpty() ? null : RelativeTime.format(getItem(), now.getValue()),
                    itemProperty(), emptyProperty(), now));
            getStyleClass().add("session-activity");
        }

        @Override
        protected void updateItem(Instant at, boolean empty) {
            super.updateItem(at, empty);
            tooltip.setText(at == null ? null : at.toString());
            setTooltip(empty || at == null ? null : tooltip);
        }
    }
}
