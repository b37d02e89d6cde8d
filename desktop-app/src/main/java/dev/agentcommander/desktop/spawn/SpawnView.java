package dev.agentcommander.desktop.spawn;

import atlantafx.base.theme.Styles;
import dev.agentcommander.schema.model.HostRow;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The spawn sheet, a layer over the window's content: a worktree session or a Codex job, the fields each needs,
 * what is wrong with them, and the command's progress. Ctrl+Enter starts, Esc closes (the fields stay for the next
 * time, and a command on its way goes on). UI thread.
 */
public final class SpawnView {
    public static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    public static final String SHEET_ID = "spawn-sheet";

    private final SpawnViewModel model;
    private final StackPane layer = new StackPane();
    private final VBox root = new VBox(14);
    private final TextField branch = new TextField();
    private final TextField base = new TextField();
    private final TextField timeout = new TextField();
    private final ComboBox<String> folder = new ComboBox<>();
    private final Label folderLabel = new Label();
    private final TextArea prompt = new TextArea();
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private List<Node> hostRow;
    private List<Node> folderRow;
    private List<List<Node>> sessionRows;
    private List<Node> promptRow;
    private List<Node> timeoutRow;
    private Node returnFocusTo;

    public SpawnView(SpawnViewModel model) {
        this.model = model;
        root.setId(SHEET_ID);
        root.getStyleClass().addAll("palette", "spawn");
        root.setMaxWidth(680);
        root.setMaxHeight(Region.USE_PREF_SIZE);
        title.getStyleClass().add(Styles.TITLE_3);
        root.getChildren().addAll(title, kindSwitch(), fields(), problem(), progress(), buttons());
        StackPane.setAlignment(root, Pos.TOP_CENTER);
        layer.getChildren().add(root);
        layer.getStyleClass().add("palette-layer");
        layer.getStylesheets().add(SpawnView.class.getResource("spawn.css").toExternalForm());
        layer.setVisible(false);
        layer.setPickOnBounds(true);
        layer.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        model.kindProperty().addListener((observable, before, kind) -> kindChanged(kind));
        kindChanged(model.kindProperty().get());
        model.stageProperty().addListener((observable, before, now) -> {
            if (now == SpawnViewModel.Stage.COMPLETED) {
                returnFocusTo = null;
                hide();
            }
        });
    }

    /** The layer to put over the window's content. */
    public Node node() {
        return layer;
    }

    /** Shows the sheet (again) on the form for {@code kind}, with the folder field focused. */
    public void show(SpawnKind kind) {
        if (!layer.isVisible()) {
            returnFocusTo = layer.getScene() == null ? null : layer.getScene().getFocusOwner();
        }
        model.edit();
        model.kindProperty().set(kind);
        layer.setVisible(true);
        folder.requestFocus();
    }

    public boolean isShowing() {
        return layer.isVisible();
    }

    public void hide() {
        layer.setVisible(false);
        if (returnFocusTo != null) {
            returnFocusTo.requestFocus();
            returnFocusTo = null;
        }
    }

    private Node kindSwitch() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton session = kindButton(SpawnKind.SESSION, "spawn-kind-session", group, Styles.LEFT_PILL);
        ToggleButton job = kindButton(SpawnKind.JOB, "spawn-kind-job", group, Styles.RIGHT_PILL);
        group.selectedToggleProperty().addListener((observable, before, now) -> {
            if (now == null) {
                before.setSelected(true);
            } else {
                model.kindProperty().set((SpawnKind) now.getUserData());
            }
        });
        model.kindProperty().addListener((observable, before, kind) ->
                (kind == SpawnKind.SESSION ? session : job).setSelected(true));
        (model.kindProperty().get() == SpawnKind.SESSION ? session : job).setSelected(true);
        Label what = new Label();
        what.getStyleClass().add(Styles.TEXT_MUTED);
        what.setWrapText(true);
        what.textProperty().bind(model.kindProperty().map(kind -> kind == SpawnKind.SESSION
                ? "A new git worktree and branch, with a tmux window in it running the agent you choose."
                : "A headless `codex exec --json` run in a folder; its events show in the job's view."));
        HBox switcher = new HBox(session, job);
        return new VBox(8, switcher, what);
    }

    private ToggleButton kindButton(SpawnKind kind, String id, ToggleGroup group, String pill) {
        ToggleButton button = new ToggleButton(kind.title());
        button.setId(id);
        button.setUserData(kind);
        button.setToggleGroup(group);
        button.getStyleClass().add(pill);
        return button;
    }

    private Node fields() {
        ComboBox<HostRow> host = new ComboBox<>(model.hosts());
        host.setId("spawn-host");
        host.setMaxWidth(Double.MAX_VALUE);
        host.valueProperty().bindBidirectional(model.hostProperty());
        host.setConverter(new StringConverter<>() {
            @Override
            public String toString(HostRow row) {
                return row == null ? "" : row.name() + (row.online() ? "" : " (offline)");
            }

            @Override
            public HostRow fromString(String text) {
                return null;
            }
        });

        folder.setId("spawn-folder");
        folder.setEditable(true);
        folder.setItems(model.suggestions());
        folder.setMaxWidth(Double.MAX_VALUE);
        folder.getEditor().textProperty().bindBidirectional(model.folderProperty());
        Label roots = new Label();
        roots.setId("spawn-roots");
        roots.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        roots.setWrapText(true);
        roots.textProperty().bind(model.rootsHintProperty());

        branch.setId("spawn-branch");
        branch.setPromptText("new branch name (derived when empty)");
        branch.textProperty().bindBidirectional(model.branchProperty());
        base.setId("spawn-base");
        base.setPromptText("the repository's HEAD");
        base.textProperty().bindBidirectional(model.baseProperty());

        ToggleGroup agents = new ToggleGroup();
        HBox agentChoice = new HBox(14);
        for (SpawnForm.Agent agent : SpawnForm.Agent.values()) {
            RadioButton choice = new RadioButton(agent.label());
            choice.setId("spawn-agent-" + agent.wire());
            choice.setUserData(agent);
            choice.setToggleGroup(agents);
            choice.setSelected(agent == model.agentProperty().get());
            agentChoice.getChildren().add(choice);
        }
        agents.selectedToggleProperty().addListener((observable, before, now) -> {
            if (now != null) {
                model.agentProperty().set((SpawnForm.Agent) now.getUserData());
            }
        });

        prompt.setId("spawn-prompt");
        prompt.setPrefRowCount(5);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(model.promptProperty());
        prompt.disableProperty().bind(model.kindProperty().isEqualTo(SpawnKind.SESSION)
                .and(model.agentProperty().isEqualTo(SpawnForm.Agent.NONE)));
        timeout.setId("spawn-timeout");
        timeout.setPromptText("host default");
        timeout.setPrefColumnCount(10);
        timeout.textProperty().bindBidirectional(model.timeoutProperty());

        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, inputs);
        HBox seconds = new HBox(8, timeout, new Label("seconds"));
        seconds.setAlignment(Pos.CENTER_LEFT);
        hostRow = List.of(new Label("Host"), host);
        folderRow = List.of(folderLabel, new VBox(4, folder, roots));
        sessionRows = List.of(List.of(new Label("Branch"), branch), List.of(new Label("Base"), base),
                List.of(new Label("Agent"), agentChoice));
        promptRow = List.of(new Label("Prompt"), prompt);
        timeoutRow = List.of(new Label("Timeout"), seconds);
        return grid;
    }

    /** Only the rows the kind needs, so no gap is left where the other kind's fields would be. */
    private void layoutRows(SpawnKind kind) {
        List<List<Node>> rows = new java.util.ArrayList<>(List.of(hostRow, folderRow));
        if (kind == SpawnKind.SESSION) {
            rows.addAll(sessionRows);
        }
        rows.add(promptRow);
        if (kind == SpawnKind.JOB) {
            rows.add(timeoutRow);
        }
        grid.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            grid.addRow(i, rows.get(i).toArray(Node[]::new));
        }
    }

    private Node problem() {
        Label problem = new Label();
        problem.setId("spawn-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        return problem;
    }

    private Node progress() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        HBox steps = new HBox(6);
        steps.setId("spawn-stage");
        steps.setAlignment(Pos.CENTER_LEFT);
        List<Label> labels = List.of(step("Queued"), step("Sent"), step("Started"));
        steps.getChildren().addAll(labels.get(0), arrow(), labels.get(1), arrow(), labels.get(2));
        model.stageProperty().addListener((observable, before, now) -> showStage(labels, now));
        showStage(labels, model.stageProperty().get());
        steps.visibleProperty().bind(model.stageProperty().isNotEqualTo(SpawnViewModel.Stage.EDITING)
                .and(model.stageProperty().isNotEqualTo(SpawnViewModel.Stage.FAILED)));
        steps.managedProperty().bind(steps.visibleProperty());
        Label message = new Label();
        message.setId("spawn-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("spawn-message");
        model.stageProperty().addListener((observable, before, now) ->
                message.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"),
                        now == SpawnViewModel.Stage.FAILED));
        HBox line = new HBox(10, spinner, steps);
        line.setAlignment(Pos.CENTER_LEFT);
        line.visibleProperty().bind(steps.visibleProperty());
        line.managedProperty().bind(line.visibleProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        VBox progress = new VBox(6, line, message);
        progress.managedProperty().bind(line.managedProperty().or(message.managedProperty()));
        progress.visibleProperty().bind(progress.managedProperty());
        return progress;
    }

    private static Label step(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("spawn-step");
        return label;
    }

    private static Label arrow() {
        Label arrow = new Label("→");
        arrow.getStyleClass().add(Styles.TEXT_MUTED);
        return arrow;
    }

    private static void showStage(List<Label> labels, SpawnViewModel.Stage stage) {
        int reached = switch (stage) {
            case EDITING, SENDING -> -1;
            case QUEUED -> 0;
            case SENT -> 1;
            case COMPLETED -> 2;
            case FAILED -> -2;
        };
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            label.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("reached"), i <= reached);
            label.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("current"), i == reached);
        }
    }

    private Node buttons() {
        Button close = new Button("Close");
        close.setId("spawn-close");
        close.setCancelButton(true);
        close.setOnAction(event -> hide());
        Button start = new Button();
        start.setId("spawn-start");
        start.setDefaultButton(false);
        start.getStyleClass().add(Styles.ACCENT);
        start.textProperty().bind(Bindings.createStringBinding(() -> (model.kindProperty().get() == SpawnKind.SESSION
                ? "Start session" : "Start job") + "  (" + START.getDisplayText() + ")", model.kindProperty()));
        start.disableProperty().bind(model.busyProperty().or(model.canOperateProperty().not()));
        start.setOnAction(event -> model.start());
        Label viewer = new Label("Viewers cannot start sessions or jobs");
        viewer.getStyleClass().add(Styles.WARNING);
        viewer.visibleProperty().bind(model.canOperateProperty().not());
        viewer.managedProperty().bind(viewer.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, viewer, spacer, close, start);
        bar.setAlignment(Pos.CENTER_RIGHT);
        return bar;
    }

    private void kindChanged(SpawnKind kind) {
        title.setText(kind == SpawnKind.SESSION ? "Start a worktree session" : "Start a Codex job");
        layoutRows(kind);
        folderLabel.setText(kind == SpawnKind.SESSION ? "Repository" : "Folder");
        folder.setPromptText(kind == SpawnKind.SESSION ? "/path/to/a/git/repository" : "/path/the/job/runs/in");
        prompt.setPromptText(kind == SpawnKind.SESSION ? "optional: the first message for the agent"
                : "what Codex should do");
    }

    private void keys(KeyEvent event) {
        if (START.match(event)) {
            model.start();
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            hide();
            event.consume();
        }
    }
}
