package dev.agentcommander.desktop.console;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.ResultLabel;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionDialogs;
import dev.agentcommander.desktop.timeline.TimelineView;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view of a Codex job, a session without a pane: its header, where it stands (running, or how it ended and
 * why), Stop and Kill while it runs, and its events — the commands Codex ran with their output, its messages —
 * filling the screen. UI thread.
 */
public final class JobView {
    public static final String OUTCOME_ID = "job-outcome";

    private final SessionViewModel model;
    private final SessionDialogs dialogs;
    private final BorderPane root = new BorderPane();

    public JobView(SessionViewModel model, TimelineView timeline, SessionDialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.getStyleClass().addAll("session-view", "job-view");
        root.getStylesheets().add(JobView.class.getResource("console.css").toExternalForm());
        root.setTop(new VBox(SessionHeader.of(model), outcome(), toolbar(), result()));
        root.setCenter(timeline.node());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
    }

    public Node node() {
        return root;
    }

    public SessionViewModel model() {
        return model;
    }

    private Node outcome() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label outcome = new Label();
        outcome.setId(OUTCOME_ID);
        outcome.setWrapText(true);
        HBox line = new HBox(8, spinner, outcome);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("job-outcome");
        Runnable show = () -> {
            SessionRow row = model.row();
            boolean running = !ended(row);
            spinner.setVisible(running);
            spinner.setManaged(running);
            outcome.setText(describe(row));
            outcome.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (row.status() == SessionStatus.DONE) {
                outcome.getStyleClass().add(Styles.SUCCESS);
            } else if (row.status() == SessionStatus.ERROR) {
                outcome.getStyleClass().add(Styles.DANGER);
            }
        };
        model.rowProperty().addListener((observable, before, row) -> show.run());
        show.run();
        return line;
    }

    /** Where the job stands, in words: running, or how it ended and why. */
    static String describe(SessionRow row) {
        String reason = row.statusReason() == null || row.statusReason().isBlank() ? "" : ": " + row.statusReason();
        return switch (row.status()) {
            case DONE -> "Finished" + reason;
            case ERROR -> "Failed" + reason;
            case GONE -> "Gone" + reason;
            default -> "Running" + reason + " — its events appear below as Codex works";
        };
    }

    private static boolean ended(SessionRow row) {
        return row.status() == SessionStatus.DONE || row.status() == SessionStatus.ERROR
                || row.status() == SessionStatus.GONE;
    }

    private Node toolbar() {
        HBox bar = new HBox(6,
                action("Stop", Feather.OCTAGON, SessionAction.INTERRUPT, "job-stop", model::interrupt),
                action("Kill", Feather.X_OCTAGON, SessionAction.KILL, "job-kill", this::kill));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("session-toolbar");
        return bar;
    }

    private Node result() {
        Label result = new Label();
        result.setId(SessionView.RESULT_ID);
        result.setWrapText(true);
        result.getStyleClass().add("session-result");
        model.resultProperty().addListener((observable, before, outcome) -> ResultLabel.show(result, outcome));
        result.managedProperty().bind(result.textProperty().isNotEmpty());
        result.visibleProperty().bind(result.managedProperty());
        return result;
    }

    private Button action(String text, Ikon icon, SessionAction key, String id, Runnable run) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        button.setTooltip(new Tooltip(text + " (" + key.key().getDisplayText() + ")"));
        button.setFocusTraversable(false);
        if (model.canOperate()) {
            button.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> ended(model.row()), model.rowProperty())));
        } else {
            button.setDisable(true);
        }
        button.setOnAction(event -> run.run());
        return button;
    }

    private void kill() {
        if (dialogs.confirmKill(root, model.nameProperty().get())) {
            model.kill();
        }
    }

    private void shortcuts(KeyEvent event) {
        if (SessionAction.INTERRUPT.key().match(event)) {
            model.interrupt();
        } else if (SessionAction.KILL.key().match(event)) {
            kill();
        } else {
            return;
        }
        event.consume();
    }
}
