package dev.agentcommander.desktop.hosts;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.ResultLabel;
import dev.agentcommander.desktop.sessions.RelativeTime;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.schema.model.HostRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The hosts screen: every host with its online state, when it was last seen, its agentd's version and allowed roots
 * (the whole list in the cell's tooltip), and its sessions; admins add a host
 * (Ctrl+Shift+N: a name, then its token and agentd config shown once, with Copy buttons) and revoke a host's token
 * (Ctrl+Shift+R, confirmed). Other roles are told that these are for admins. UI thread.
 */
public final class HostsView {
    public static final String TABLE_ID = "hosts-table";
    public static final String RESULT_ID = "hosts-result";
    public static final String NAME_ID = "hosts-new-name";
    public static final String ADD_ID = "hosts-add";
    public static final String REVOKE_ID = "hosts-revoke";
    public static final String CONFIRM_REVOKE_ID = "hosts-confirm-revoke";
    public static final String REVOKE_QUESTION_ID = "hosts-revoke-question";
    public static final String SETUP_ID = "hosts-setup";
    public static final String TOKEN_ID = "hosts-token";
    public static final String CONFIG_ID = "hosts-config";
    public static final String COMMANDS_ID = "hosts-commands";
    public static final String ADMIN_NOTE_ID = "hosts-admin-note";
    public static final String AGENT_COLUMN_ID = "hosts-agent-column";
    public static final String ROOTS_COLUMN_ID = "hosts-roots-column";
    public static final KeyCombination ADD = SessionAction.shortcut(KeyCode.N);
    public static final KeyCombination REVOKE = SessionAction.shortcut(KeyCode.R);
    private static final String ONLINE = "host-online";
    private static final String OFFLINE = "host-offline";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private enum Mode { VIEW, ADD, REVOKE }

    private final HostsViewModel model;
    private final VBox root = new VBox(10);
    private final TableView<HostItem> table = new TableView<>();
    private final TextField name = new TextField();
    private final HBox addBar;
    private final Label revokeQuestion = new Label();
    private final HBox revokeBar;
    private final Label result = new Label();
    private final Label setupTitle = new Label();
    private final TextField token = new TextField();
    private final TextArea config = new TextArea();
    private final TextArea commands = new TextArea();
    private final Label loopback = new Label();
    private final VBox setupPane = new VBox(8);
    private Mode mode = Mode.VIEW;
    private HostRow revoking;

    public HostsView(HostsViewModel model) {
        this.model = model;
        root.getStyleClass().add("hosts-view");
        root.getStylesheets().add(HostsView.class.getResource("hosts.css").toExternalForm());

        Label title = new Label("Hosts");
        title.getStyleClass().add(Styles.TITLE_3);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button add = button("Add host…", "Ctrl+Shift+N", Feather.PLUS, null, () -> mode(Mode.ADD));
        add.setId(ADD_ID);
        Button revoke = button("Revoke…", "Ctrl+Shift+R", Feather.SLASH, Styles.DANGER, () -> mode(Mode.REVOKE));
        revoke.setId(REVOKE_ID);
        revoke.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        Label adminNote = new Label();
        adminNote.setId(ADMIN_NOTE_ID);
        adminNote.getStyleClass().add(Styles.TEXT_MUTED);
        adminNote.textProperty().bind(model.roleProperty().map(role -> "Adding hosts and revoking their tokens is "
                + "for admins" + (role.isEmpty() ? "" : "; you are signed in as " + role) + "."));
        for (Node node : new Node[] {add, revoke}) {
            node.visibleProperty().bind(model.canAdminProperty());
            node.managedProperty().bind(model.canAdminProperty());
        }
        adminNote.visibleProperty().bind(model.canAdminProperty().not());
        adminNote.managedProperty().bind(adminNote.visibleProperty());
        HBox header = new HBox(8, title, spacer, adminNote, add, revoke);
        header.setAlignment(Pos.CENTER_LEFT);

        name.setId(NAME_ID);
        name.setPromptText("Name of the new host, e.g. build-box");
        HBox.setHgrow(name, Priority.ALWAYS);
        Button create = button("Add", "Enter", Feather.CHECK, Styles.SUCCESS, this::add);
        addBar = new HBox(8, new Label("New host:"), name, create, button("Cancel", "Esc", null, null,
                () -> mode(Mode.VIEW)));
        Button confirm = button("Revoke", "Enter", Feather.SLASH, Styles.DANGER, this::revoke);
        confirm.setId(CONFIRM_REVOKE_ID);
        revokeQuestion.setId(REVOKE_QUESTION_ID);
        revokeQuestion.setWrapText(true);
        HBox.setHgrow(revokeQuestion, Priority.ALWAYS);
        revokeBar = new HBox(8, revokeQuestion, confirm, button("Cancel", "Esc", null, null, () -> mode(Mode.VIEW)));
        for (HBox bar : new HBox[] {addBar, revokeBar}) {
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.disableProperty().bind(model.busyProperty());
            bar.getStyleClass().add("hosts-bar");
        }

        result.setId(RESULT_ID);
        result.setWrapText(true);
        model.resultProperty().addListener((observable, before, outcome) -> ResultLabel.show(result, outcome));

        root.getChildren().addAll(header, addBar, revokeBar, result, table(), setupPane());
        VBox.setVgrow(table, Priority.ALWAYS);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        model.setupProperty().addListener((observable, before, setup) -> showSetup(setup));
        model.sessionCounts().addListener((MapChangeListener<String, Integer>) change -> table.refresh());
        model.nowProperty().addListener((observable, before, now) -> table.refresh());
        mode(Mode.VIEW);
        showSetup(null);
    }

    public Node node() {
        return root;
    }

    /** Shown (its tab selected): the table takes the keyboard. */
    public void visible(boolean shown) {
        if (shown && mode == Mode.VIEW) {
            javafx.application.Platform.runLater(table::requestFocus);
        }
    }

    private Node table() {
        table.setId(TABLE_ID);
        table.setItems(model.items());
        table.getColumns().add(column("Host", 220, HostRow::name));
        TableColumn<HostItem, HostRow> state = new TableColumn<>("State");
        state.setPrefWidth(110);
        state.setCellValueFactory(cell -> cell.getValue().rowProperty());
        state.setCellFactory(ignored -> new StateCell());
        table.getColumns().add(state);
        table.getColumns().add(column("Last seen", 130, row -> RelativeTime.format(row.lastSeen(),
                model.nowProperty().get())));
        TableColumn<HostItem, String> agent = column("Agent", 100, HostsViewModel::agentVersion);
        agent.setId(AGENT_COLUMN_ID);
        table.getColumns().add(agent);
        table.getColumns().add(column("Sessions", 90, row -> String.valueOf(model.sessionCount(row.hostId()))));
        TableColumn<HostItem, String> roots = column("Allowed roots", 220, HostsViewModel::allowedRoots);
        roots.setId(ROOTS_COLUMN_ID);
        roots.setCellFactory(ignored -> new RootsCell());
        table.getColumns().add(roots);
        table.getColumns().add(column("Added", 150, row -> row.createdAt() == null ? "" : DATE.format(row.createdAt())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No hosts yet. An admin adds one with Add host… (Ctrl+Shift+N), then starts agentd "
                + "on it with the config shown.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, item) -> {
            HostRow row = item == null ? null : item.row();
            if (row != model.selectedProperty().get()) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((observable, before, row) -> {
            HostItem item = row == null ? null : model.item(row.hostId());
            if (item != null && table.getSelectionModel().getSelectedItem() != item) {
                table.getSelectionModel().select(item);
            }
        });
        return table;
    }

    private Node setupPane() {
        setupPane.setId(SETUP_ID);
        setupPane.getStyleClass().add("hosts-setup");
        setupTitle.getStyleClass().add(Styles.TITLE_4);
        Label once = new Label("The token is shown only now: the control plane keeps its hash only. Copy it (or the "
                + "commands) before you close this.");
        once.getStyleClass().add(Styles.WARNING);
        once.setWrapText(true);
        token.setId(TOKEN_ID);
        token.setEditable(false);
        token.getStyleClass().add("hosts-mono");
        HBox.setHgrow(token, Priority.ALWAYS);
        HBox tokenRow = new HBox(8, new Label("Token"), token, copy(token));
        tokenRow.setAlignment(Pos.CENTER_LEFT);
        config.setId(CONFIG_ID);
        commands.setId(COMMANDS_ID);
        for (TextArea area : new TextArea[] {config, commands}) {
            area.setEditable(false);
            area.getStyleClass().add("hosts-mono");
            area.setMinHeight(Region.USE_PREF_SIZE);
        }
        Label configTitle = new Label("config.yaml (" + AgentSetup.CONFIG_DIR + "/config.yaml)");
        Label commandsTitle = new Label("On the host, as the user whose tmux agentd watches: save the token, then "
                + "start agentd");
        loopback.getStyleClass().add(Styles.WARNING);
        loopback.setWrapText(true);
        Button done = button("Done, I saved it", "Esc", Feather.CHECK, null, model::setupSaved);
        setupPane.getChildren().addAll(setupTitle, once, tokenRow, labelled(configTitle, config),
                labelled(commandsTitle, commands), loopback, done);
        return setupPane;
    }

    private void showSetup(AgentSetup setup) {
        display(setupPane, setup != null);
        if (setup == null) {
            token.clear();
            config.clear();
            commands.clear();
            return;
        }
        setupTitle.setText("Start agentd on " + setup.hostName());
        token.setText(setup.token());
        show(config, setup.configYaml());
        show(commands, setup.commands());
        loopback.setText(setup.loopbackOnly() ? "This control plane listens on this machine only ("
                + setup.agentWsUrl().getHost() + "): an agentd on another machine cannot reach it. For remote hosts "
                + "run the team control plane and connect to it." : "");
        display(loopback, setup.loopbackOnly());
    }

    /** Every line in view, without a scroll bar. */
    private static void show(TextArea area, String text) {
        area.setText(text);
        area.setPrefRowCount((int) text.lines().count() + 1);
    }

    private void mode(Mode next) {
        if (next != Mode.VIEW && !model.canAdminProperty().get()) {
            ResultLabel.show(result, ActionResult.failed(model.adminNote()));
            return;
        }
        if (next == Mode.REVOKE) {
            revoking = model.selectedProperty().get();
            if (revoking == null) {
                ResultLabel.show(result, ActionResult.failed("Select the host whose token to revoke"));
                return;
            }
            revokeQuestion.setText("Revoke every active token of " + revoking.name() + "? Its agentd is disconnected at once "
                    + "and cannot connect again until an admin mints a new token.");
        }
        mode = next;
        display(addBar, next == Mode.ADD);
        display(revokeBar, next == Mode.REVOKE);
        if (next == Mode.ADD) {
            name.clear();
            name.requestFocus();
        } else if (next == Mode.REVOKE) {
            revokeBar.getChildren().get(1).requestFocus();
        } else {
            table.requestFocus();
        }
    }

    private void add() {
        model.add(name.getText());
        mode(Mode.VIEW);
    }

    private void revoke() {
        HostRow host = revoking;
        mode(Mode.VIEW);
        model.revoke(host);
    }

    private void keys(KeyEvent event) {
        if (ADD.match(event)) {
            mode(Mode.ADD);
        } else if (REVOKE.match(event)) {
            mode(Mode.REVOKE);
        } else if (event.getCode() == KeyCode.ESCAPE && mode != Mode.VIEW) {
            mode(Mode.VIEW);
        } else if (event.getCode() == KeyCode.ESCAPE && model.setupProperty().get() != null) {
            model.setupSaved();
        } else if (event.getCode() == KeyCode.ENTER && mode == Mode.ADD) {
            add();
        } else if (event.getCode() == KeyCode.ENTER && mode == Mode.REVOKE) {
            revoke();
        } else {
            return;
        }
        event.consume();
    }

    private static Node labelled(Label label, Node content) {
        Button copy = copy((TextInputControl) content);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, label, spacer, copy);
        top.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, top, content);
    }

    private static Button copy(TextInputControl source) {
        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(source.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        source.textProperty().addListener((observable, before, text) -> copy.setText("Copy"));
        return copy;
    }

    private static void display(Node node, boolean shown) {
        node.setManaged(shown);
        node.setVisible(shown);
    }

    private static Button button(String text, String key, Feather icon, String style, Runnable action) {
        Button button = new Button(text + "  (" + key + ")");
        if (icon != null) {
            button.setGraphic(new FontIcon(icon));
        }
        if (style != null) {
            button.getStyleClass().add(style);
        }
        button.setOnAction(event -> action.run());
        return button;
    }

    private static TableColumn<HostItem, String> column(String name, double width, Function<HostRow, String> value) {
        TableColumn<HostItem, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> cell.getValue().rowProperty().map(value));
        return column;
    }

    /** The roots in one line, each on its own line in the tooltip (long paths do not fit the column). */
    private static final class RootsCell extends TableCell<HostItem, String> {
        private final Tooltip tooltip = new Tooltip();

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            HostItem item = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (item == null || item.row().allowedRoots().isEmpty()) {
                setText(empty ? null : text);
                setTooltip(null);
                return;
            }
            setText(text);
            tooltip.setText("Sessions and jobs may be spawned in:\n" + String.join("\n", item.row().allowedRoots()));
            setTooltip(tooltip);
        }
    }

    private static final class StateCell extends TableCell<HostItem, HostRow> {
        private final Label badge = new Label();

        StateCell() {
            badge.getStyleClass().add("host-badge");
        }

        @Override
        protected void updateItem(HostRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            badge.getStyleClass().removeAll(ONLINE, OFFLINE);
            badge.getStyleClass().add(row.online() ? ONLINE : OFFLINE);
            badge.setText(row.online() ? "online" : "offline");
            setGraphic(badge);
        }
    }
}
