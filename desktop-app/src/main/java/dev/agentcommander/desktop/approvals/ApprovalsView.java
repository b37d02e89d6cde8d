package dev.agentcommander.desktop.approvals;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.console.LiveTerminal;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.ResultLabel;
import dev.agentcommander.schema.model.ApprovalRow;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The approvals screen: the queue of pending approvals (oldest first), the selected one in full (tool, the exact
 * input, where it runs, how long it waited, the agent's screen) with allow / deny with a message / edit and allow,
 * and the decided history. Keyboard first: A allows, D asks for the message to deny with, E edits the input;
 * Enter or Ctrl+Enter sends, Esc cancels. UI thread.
 */
public final class ApprovalsView {
    public static final String QUEUE_ID = "approvals-queue";
    public static final String HISTORY_ID = "approvals-history";
    public static final String RESULT_ID = "approvals-result";
    public static final String DENY_MESSAGE_ID = "approvals-deny-message";
    public static final String EDITOR_ID = "approvals-editor";
    public static final String EDIT_PROBLEM_ID = "approvals-edit-problem";
    public static final String PLACE_ID = "approvals-place";
    public static final KeyCombination SEND_EDITED = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final double INPUT_LINE_HEIGHT = 22;
    private static final int INPUT_LINES_SHOWN = 14;

    private enum Mode { VIEW, DENY, EDIT }

    private final ApprovalsViewModel model;
    private final ObjectMapper mapper;
    private final Function<String, LiveTerminal> screens;
    private final Supplier<Instant> now;
    private final SplitPane root = new SplitPane();
    private final ListView<ApprovalRow> queue = new ListView<>();
    private final Label title = new Label();
    private final Label place = new Label();
    private final Label waited = new Label();
    private final ListView<ApprovalInput.Line> input = new ListView<>();
    private final TextArea editor = new TextArea();
    private final Label editProblem = new Label();
    private final TextField denyMessage = new TextField();
    private final HBox viewButtons;
    private final HBox denyButtons;
    private final HBox editButtons;
    private final StackPane screenBox = new StackPane();
    private final VBox detail = new VBox();
    private final Label result = new Label();
    private Mode mode = Mode.VIEW;
    private ApprovalInput shownInput;
    private LiveTerminal screen;
    private boolean visible;

    /**
     * {@code screens} opens a read-only terminal of a session id (null when the session is not known);
     * {@code now} is the clock the waiting times follow.
     */
    public ApprovalsView(ApprovalsViewModel model, ObjectMapper mapper, Function<String, LiveTerminal> screens,
                         Supplier<Instant> now) {
        this.model = model;
        this.mapper = mapper;
        this.screens = screens;
        this.now = now;
        root.getStyleClass().add("approvals-view");
        root.getStylesheets().add(ApprovalsView.class.getResource("approvals.css").toExternalForm());

        Button allow = button("Allow", "A", Feather.CHECK, Styles.SUCCESS, model::allow);
        Button deny = button("Deny…", "D", Feather.X, Styles.DANGER, () -> mode(Mode.DENY));
        Button edit = button("Edit…", "E", Feather.EDIT_2, null, () -> mode(Mode.EDIT));
        viewButtons = new HBox(8, allow, deny, edit);
        Button sendDeny = button("Deny", "Enter", Feather.X, Styles.DANGER, this::sendDeny);
        Button cancelDeny = button("Cancel", "Esc", null, null, () -> mode(Mode.VIEW));
        denyMessage.setId(DENY_MESSAGE_ID);
        denyMessage.setPromptText("Tell the agent why, or what to do instead (optional)");
        HBox.setHgrow(denyMessage, Priority.ALWAYS);
        denyButtons = new HBox(8, denyMessage, sendDeny, cancelDeny);
        Button sendEdited = button("Allow as edited", "Ctrl+Enter", Feather.CHECK, Styles.SUCCESS, this::sendEdited);
        Button cancelEdit = button("Cancel", "Esc", null, null, () -> mode(Mode.VIEW));
        editButtons = new HBox(8, sendEdited, cancelEdit);
        for (HBox buttons : new HBox[] {viewButtons, denyButtons, editButtons}) {
            buttons.setAlignment(Pos.CENTER_LEFT);
            buttons.disableProperty().bind(model.decidingProperty().or(model.canDecideProperty().not()));
        }

        root.getItems().addAll(lists(), detailPane());
        root.setDividerPositions(0.38);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        root.addEventFilter(KeyEvent.KEY_TYPED, this::letters);
        model.selectedProperty().addListener((observable, before, row) -> show(before, row));
        show(null, model.selectedProperty().get());
    }

    public Node node() {
        return root;
    }

    /** Shown (its tab selected): the agent's screen streams; hidden: it stops. */
    public void visible(boolean shown) {
        visible = shown;
        if (screen != null) {
            screen.visible(shown);
        }
        if (shown) {
            javafx.application.Platform.runLater(queue::requestFocus);
        }
    }

    /** Called every second: waiting times move on. */
    public void tick() {
        queue.refresh();
        ApprovalRow row = model.selectedProperty().get();
        waited.setText(row == null ? "" : ApprovalText.waited(row.requestedAt(), now.get()));
    }

    /** The new connection's terminals replace the old one's. */
    public void reconnected() {
        ApprovalRow row = model.selectedProperty().get();
        closeScreen();
        if (row != null) {
            openScreen(row);
        }
    }

    public LiveTerminal screen() {
        return screen;
    }

    private Node lists() {
        Label waiting = new Label();
        waiting.getStyleClass().add(Styles.TITLE_4);
        waiting.textProperty().bind(Bindings.format("Waiting (%d)", model.pendingCount()));
        queue.setId(QUEUE_ID);
        queue.setItems(model.pending());
        queue.setCellFactory(ignored -> new ApprovalQueueCell(model, mapper, now));
        Label empty = new Label("No approvals waiting. When Claude Code asks to use a tool, the request shows up "
                + "here; A allows it, D denies it, E edits it first.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        queue.setPlaceholder(empty);
        queue.getSelectionModel().selectedItemProperty().addListener((observable, before, row) -> {
            if (row != null && row != model.selectedProperty().get()) {
                model.selectedProperty().set(row);
            }
        });

        Label decided = new Label("History");
        decided.getStyleClass().add(Styles.TITLE_4);
        TableView<ApprovalRow> history = new ApprovalHistoryTable(model, mapper).node();

        VBox box = new VBox(6, waiting, queue, decided, history);
        box.getStyleClass().add("approvals-lists");
        VBox.setVgrow(queue, Priority.ALWAYS);
        VBox.setVgrow(history, Priority.ALWAYS);
        return box;
    }

    private Node detailPane() {
        title.getStyleClass().add(Styles.TITLE_3);
        place.setId(PLACE_ID);
        place.getStyleClass().addAll("approvals-place", Styles.TEXT_MUTED);
        place.setWrapText(true);
        place.textProperty().bind(model.selectedPlace());
        waited.getStyleClass().add(Styles.TEXT_MUTED);
        input.getStyleClass().add("approvals-input");
        input.setCellFactory(ignored -> new InputLineCell());
        input.setFocusTraversable(false);
        input.setFixedCellSize(INPUT_LINE_HEIGHT);
        input.setMinHeight(Region.USE_PREF_SIZE);
        editor.setId(EDITOR_ID);
        editor.getStyleClass().add("approvals-editor");
        editor.setPrefRowCount(10);
        editor.setMinHeight(Region.USE_PREF_SIZE);
        editProblem.setId(EDIT_PROBLEM_ID);
        editProblem.getStyleClass().add(Styles.DANGER);
        editProblem.setWrapText(true);
        result.setId(RESULT_ID);
        result.setWrapText(true);
        result.getStyleClass().add("approvals-result");
        model.resultProperty().addListener((observable, before, outcome) -> ResultLabel.show(result, outcome));
        Label screenTitle = new Label("Agent's screen");
        screenTitle.getStyleClass().add(Styles.TEXT_BOLD);
        screenBox.getStyleClass().add("terminal-box");
        screenBox.setMinHeight(120);
        VBox.setVgrow(screenBox, Priority.ALWAYS);
        detail.getStyleClass().add("approvals-detail");
        detail.setSpacing(8);
        detail.getChildren().addAll(title, place, waited, input, editor, editProblem, viewButtons, denyButtons,
                editButtons, result, screenTitle, screenBox);
        return detail;
    }

    private void show(ApprovalRow before, ApprovalRow row) {
        boolean sameApproval = before != null && row != null && before.approvalId().equals(row.approvalId());
        if (row != null && queue.getSelectionModel().getSelectedItem() != row) {
            queue.getSelectionModel().select(row);
            queue.scrollTo(row);
        }
        if (row == null) {
            queue.getSelectionModel().clearSelection();
            title.setText("Nothing to decide");
            waited.setText("");
            input.getItems().clear();
            shownInput = null;
            closeScreen();
            setShown(false);
            mode(Mode.VIEW);
            return;
        }
        setShown(true);
        shownInput = ApprovalInput.of(row.toolName(), row.toolInput(), mapper);
        title.setText(row.toolName() + ": " + shownInput.summary());
        waited.setText(ApprovalText.waited(row.requestedAt(), now.get()));
        input.getItems().setAll(shownInput.lines());
        input.setPrefHeight(Math.min(INPUT_LINES_SHOWN, Math.max(1, shownInput.lines().size())) * INPUT_LINE_HEIGHT + 4);
        if (!sameApproval) {
            mode(Mode.VIEW);
        }
        if (screen == null || before == null || !screen.sessionId().equals(row.sessionId())) {
            closeScreen();
            openScreen(row);
        }
    }

    private void setShown(boolean shown) {
        for (Node node : detail.getChildren()) {
            if (node != title && node != result) {
                node.setVisible(shown);
            }
        }
    }

    private void openScreen(ApprovalRow row) {
        screen = screens.apply(row.sessionId());
        if (screen != null) {
            screen.node().setFocusTraversable(false);
            screenBox.getChildren().setAll(screen.node());
            screen.visible(visible);
        }
    }

    private void closeScreen() {
        if (screen != null) {
            screen.close();
            screen = null;
        }
        screenBox.getChildren().clear();
    }

    private void mode(Mode next) {
        if (next != Mode.VIEW && (model.selectedProperty().get() == null || !model.canDecideProperty().get())) {
            if (!model.canDecideProperty().get() && model.selectedProperty().get() != null) {
                ResultLabel.show(result, ActionResult.failed("Viewers cannot decide approvals: ask an operator or admin"));
            }
            return;
        }
        mode = next;
        boolean row = model.selectedProperty().get() != null;
        display(viewButtons, row && next == Mode.VIEW);
        display(denyButtons, row && next == Mode.DENY);
        display(editButtons, row && next == Mode.EDIT);
        display(editor, next == Mode.EDIT);
        display(input, next != Mode.EDIT && row);
        display(editProblem, false);
        if (next == Mode.DENY) {
            denyMessage.clear();
            focus(denyMessage);
        } else if (next == Mode.EDIT) {
            editor.setText(shownInput.editableText());
            focus(editor);
        } else {
            focus(queue);
        }
    }

    /** Only while shown: an approval arriving must not take the keyboard from another tab. */
    private void focus(Node node) {
        if (visible) {
            node.requestFocus();
        }
    }

    private void sendDeny() {
        model.deny(denyMessage.getText().strip());
        mode(Mode.VIEW);
    }

    private void sendEdited() {
        ApprovalRow row = model.selectedProperty().get();
        if (row == null || shownInput == null) {
            return;
        }
        try {
            JsonNode edited = shownInput.edited(row.toolInput(), editor.getText(), mapper);
            model.allowEdited(edited);
            mode(Mode.VIEW);
        } catch (ApprovalInput.Invalid e) {
            editProblem.setText(e.getMessage());
            display(editProblem, true);
        }
    }

    private void keys(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE && mode != Mode.VIEW) {
            mode(Mode.VIEW);
        } else if (mode == Mode.DENY && event.getCode() == KeyCode.ENTER) {
            sendDeny();
        } else if (mode == Mode.EDIT && SEND_EDITED.match(event)) {
            sendEdited();
        } else {
            return;
        }
        event.consume();
    }

    /** A, D and E by the character typed, so they work on any keyboard layout; never while text is typed. */
    private void letters(KeyEvent event) {
        boolean typing = root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl;
        if (typing || mode != Mode.VIEW || event.isShortcutDown() || event.isAltDown() || event.isControlDown()) {
            return;
        }
        switch (event.getCharacter().toLowerCase(java.util.Locale.ROOT)) {
            case "a" -> model.allow();
            case "d" -> mode(Mode.DENY);
            case "e" -> mode(Mode.EDIT);
            default -> {
                return;
            }
        }
        event.consume();
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
        button.setFocusTraversable(false);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static final class InputLineCell extends ListCell<ApprovalInput.Line> {
        @Override
        protected void updateItem(ApprovalInput.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeIf(style -> style.startsWith("input-"));
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text());
            getStyleClass().add("input-" + line.style().name().toLowerCase());
        }
    }
}
