package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The bottom bar: UI socket and local agentd link states, who is signed in, and where the control plane is. UI thread. */
final class StatusBar {
    static final String SOCKET_ID = "status-socket";
    static final String AGENT_ID = "status-agent";
    public static final String IDENTITY_ID = "status-identity";
    private static final String LEVEL_PREFIX = "level-";

    private final HBox root = new HBox(10);

    StatusBar(ShellViewModel model) {
        root.getStyleClass().add("status-bar");
        root.setAlignment(Pos.CENTER_LEFT);
        Label socket = link(SOCKET_ID, model.socketTextProperty(), model.socketLevelProperty());
        Tooltip socketTip = new Tooltip();
        socketTip.textProperty().bind(model.socketProperty().map(status -> status.detail() == null
                ? "The desktop's live link to the control plane" : "Last problem: " + status.detail())
                .orElse("The desktop's live link to the control plane"));
        socket.setTooltip(socketTip);
        Label agent = link(AGENT_ID, model.agentTextProperty(), model.agentLevelProperty());
        agent.setTooltip(new Tooltip("The agentd inside this app, which reports this machine's tmux panes"));
        Label endpoint = new Label();
        endpoint.getStyleClass().add(Styles.TEXT_MUTED);
        endpoint.textProperty().bind(model.endpointProperty());
        Label identity = new Label();
        identity.setId(IDENTITY_ID);
        identity.textProperty().bind(model.identityProperty());
        Separator identityEnd = new Separator(Orientation.VERTICAL);
        // Nobody is signed in before the app is up: no empty slot then.
        identity.visibleProperty().bind(model.identityProperty().isNotEmpty());
        identity.managedProperty().bind(identity.visibleProperty());
        identityEnd.visibleProperty().bind(identity.visibleProperty());
        identityEnd.managedProperty().bind(identity.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren().addAll(socket, new Separator(Orientation.VERTICAL), agent, spacer, identity, identityEnd,
                endpoint);
    }

    Node node() {
        return root;
    }

    private static Label link(String id, ObservableValue<String> text, ObservableValue<ShellViewModel.Level> level) {
        Circle dot = new Circle(4);
        dot.getStyleClass().add("link-dot");
        Label label = new Label(null, dot);
        label.setId(id);
        label.textProperty().bind(text);
        showLevel(dot, level.getValue());
        level.addListener((observable, before, after) -> showLevel(dot, after));
        return label;
    }

    private static void showLevel(Circle dot, ShellViewModel.Level level) {
        dot.getStyleClass().removeIf(style -> style.startsWith(LEVEL_PREFIX));
        if (level != null) {
            dot.getStyleClass().add(LEVEL_PREFIX + level.name().toLowerCase(Locale.ROOT));
        }
    }
}
