package dev.agentcommander.desktop.console;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.ResultLabel;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionDialogs;
import dev.agentcommander.desktop.timeline.TimelineView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The session screen: a header (name, status badge, host and provider, folder and git state), the actions with
 * their shortcuts, the live terminal at the pane's size, and the timeline beside it. Shortcuts use Ctrl+Shift so
 * that every plain Ctrl key still reaches the pane. A pane that has closed keeps its last screen under a banner
 * saying so, or says plainly that its screen was not kept. UI thread.
 */
public final class SessionView {
    public static final KeyCombination FIT = SessionAction.shortcut(KeyCode.F);
    public static final KeyCombination EXPORT = SessionAction.shortcut(KeyCode.E);
    public static final KeyCombination TIMELINE = SessionAction.shortcut(KeyCode.T);
    public static final KeyCombination PASTE = SessionAction.shortcut(KeyCode.V);
    public static final String RESULT_ID = "session-result";
    /** The banner over a closed pane's last screen. */
    public static final String CLOSED_ID = "session-closed";
    /** What stands in for the terminal when a closed pane's screen was never kept. */
    public static final String NOT_KEPT_ID = "session-not-kept";

    private final SessionViewModel model;
    private final LiveTerminal terminal;
    private final SessionDialogs dialogs;
    private final BorderPane root = new BorderPane();
    private final SplitPane split;
    private final Node timelineNode;
    private final DoubleProperty timelineDivider;

    /** {@code timelineDivider}: where the timeline starts, shared by every session view and kept across restarts. */
    public SessionView(SessionViewModel model, LiveTerminal terminal, TimelineView timeline, SessionDialogs dialogs,
                       DoubleProperty timelineDivider) {
        this.timelineDivider = timelineDivider;
        this.model = model;
        this.terminal = terminal;
        this.dialogs = dialogs;
        this.timelineNode = timeline.node();
        root.getStyleClass().add("session-view");
        root.getStylesheets().add(SessionView.class.getResource("console.css").toExternalForm());
        root.setTop(new VBox(header(), toolbar(), notices()));
        Node notKept = NotKeptMessage.over(terminal);
        notKept.setId(NOT_KEPT_ID);
        StackPane terminalBox = new StackPane(terminal.node(), notKept);
        terminalBox.getStyleClass().add("terminal-box");
        split = new SplitPane(terminalBox, timelineNode);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(timelineDivider.get());
        SplitPane.setResizableWithParent(timelineNode, false);
        followDivider();
        root.setCenter(split);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
    }

    public Node node() {
        return root;
    }

    public LiveTerminal terminal() {
        return terminal;
    }

    public SessionViewModel model() {
        return model;
    }

    public void focusTerminal() {
        terminal.terminal().focus();
    }

    private Node header() {
        Label stream = new Label();
        stream.setId("session-stream");
        stream.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        stream.textProperty().bind(terminal.stateProperty().map(state -> "console " + state));
        return SessionHeader.of(model, stream);
    }

    private Node toolbar() {
        HBox bar = new HBox(6,
                action("Rename", Feather.EDIT_2, SessionAction.RENAME.key(), "session-rename", true, this::rename),
                action("Interrupt", Feather.OCTAGON, SessionAction.INTERRUPT.key(), "session-interrupt", true,
                        model::interrupt),
                action("Kill", Feather.X_OCTAGON, SessionAction.KILL.key(), "session-kill", true, this::kill),
                action("Adopt", Feather.LINK, SessionAction.ADOPT.key(), "session-adopt", true, model::adopt),
                action("Clean up worktree", Feather.TRASH_2, SessionAction.CLEANUP.key(), "session-cleanup", true,
                        this::cleanup),
                action("Fit pane to view", Feather.MAXIMIZE, FIT, "session-fit", true, this::fit),
                action("Export .cast", Feather.DOWNLOAD, EXPORT, "session-export", false, this::export),
                action("Timeline", Feather.LIST, TIMELINE, "session-timeline", false, this::toggleTimeline));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("session-toolbar");
        return bar;
    }

    private Node notices() {
        Label result = new Label();
        result.setId(RESULT_ID);
        result.setWrapText(true);
        result.getStyleClass().add("session-result");
        model.resultProperty().addListener((observable, before, outcome) -> ResultLabel.show(result, outcome));
        result.managedProperty().bind(result.textProperty().isNotEmpty());
        result.visibleProperty().bind(result.managedProperty());

        Label readOnly = new Label("Read only: viewers can watch this terminal but not type into it.",
                new FontIcon(Feather.EYE));
        readOnly.setId("session-read-only");
        readOnly.getStyleClass().addAll("session-notice", Styles.WARNING);
        readOnly.setManaged(!model.canOperate());
        readOnly.setVisible(!model.canOperate());

        Label problem = new Label();
        problem.getStyleClass().addAll("session-notice", Styles.DANGER);
        problem.textProperty().bind(terminal.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        Label closed = new Label(null, new FontIcon(Feather.POWER));
        closed.setId(CLOSED_ID);
        closed.setWrapText(true);
        closed.getStyleClass().addAll("session-notice", Styles.ACCENT);
        closed.textProperty().bind(terminal.closedProperty().map(pane -> pane.screenKept()
                ? pane.banner(ZoneId.systemDefault()) : null));
        closed.managedProperty().bind(closed.textProperty().isNotEmpty());
        closed.visibleProperty().bind(closed.managedProperty());
        return new VBox(closed, readOnly, problem, result);
    }

    private Button action(String text, Ikon icon, KeyCombination key, String id, boolean operates, Runnable run) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        button.setTooltip(new Tooltip(text + " (" + key.getDisplayText() + ")"));
        button.setFocusTraversable(false);
        if (operates && !model.canOperate()) {
            button.setDisable(true);
        } else if (operates) {
            button.disableProperty().bind(model.busyProperty());
        }
        button.setOnAction(event -> run.run());
        return button;
    }

    private void shortcuts(KeyEvent event) {
        Runnable action = null;
        if (SessionAction.RENAME.key().match(event)) {
            action = this::rename;
        } else if (SessionAction.INTERRUPT.key().match(event)) {
            action = model::interrupt;
        } else if (SessionAction.KILL.key().match(event)) {
            action = this::kill;
        } else if (SessionAction.ADOPT.key().match(event)) {
            action = model::adopt;
        } else if (SessionAction.CLEANUP.key().match(event)) {
            action = this::cleanup;
        } else if (FIT.match(event)) {
            action = this::fit;
        } else if (EXPORT.match(event)) {
            action = this::export;
        } else if (TIMELINE.match(event)) {
            action = this::toggleTimeline;
        } else if (PASTE.match(event)) {
            action = this::paste;
        }
        if (action != null) {
            event.consume();
            action.run();
        }
    }

    private void rename() {
        dialogs.askName(root, model.nameProperty().get()).ifPresent(model::rename);
    }

    private void kill() {
        if (dialogs.confirmKill(root, model.nameProperty().get())) {
            model.kill();
        }
    }

    private void cleanup() {
        if (dialogs.confirmCleanup(root, model.nameProperty().get())) {
            model.cleanup(false);
        }
    }

    private void fit() {
        PaneSize size = terminal.terminal().sizeForView();
        if (size == null) {
            model.report(ActionResult.failed("Fit pane: the terminal is not shown yet"));
            return;
        }
        model.fitPane(size);
    }

    private void export() {
        dialogs.chooseCastFile(root, model.nameProperty().get()).ifPresent(this::exportTo);
    }

    private void exportTo(Path file) {
        try {
            terminal.exportRecording(file, model.nameProperty().get());
            model.report(ActionResult.ok("Saved the console recording to " + file));
        } catch (IOException e) {
            model.report(ActionResult.failed("Could not save " + file + ": " + e.getMessage()));
        }
    }

    private void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null && !text.isEmpty()) {
            terminal.terminal().paste(text);
        }
    }

    private void toggleTimeline() {
        if (split.getItems().contains(timelineNode)) {
            split.getItems().remove(timelineNode);
        } else {
            split.getItems().add(timelineNode);
            split.setDividerPositions(timelineDivider.get());
            followDivider();
        }
    }

    /** A moved divider becomes the one every session view opens with. */
    private void followDivider() {
        split.getDividers().get(0).positionProperty().addListener((observable, before, position) -> {
            double value = position.doubleValue();
            if (value > 0.05 && value < 0.95) {
                timelineDivider.set(value);
            }
        });
    }
}
