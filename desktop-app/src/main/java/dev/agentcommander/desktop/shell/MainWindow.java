package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.SessionsView;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's scene: header, the sessions screen under the startup overlay, status bar. UI thread. */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final Scene scene;
    private final SessionsView sessions;

    public MainWindow(ShellViewModel shell, SessionsView sessions, Workspace workspace, Runnable onRetry,
                      Runnable onQuit) {
        this.sessions = sessions;
        BorderPane root = new BorderPane();
        root.getStyleClass().add("main-window");
        root.setTop(header(shell));
        root.setCenter(new StackPane(workspace.node(), new StartupOverlay(shell, onRetry, onQuit).node()));
        root.setBottom(new StatusBar(shell).node());
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("shell.css").toExternalForm());
    }

    public Scene scene() {
        return scene;
    }

    /** After showing: focus the table, so the search field shows its prompt instead of a caret. */
    public void focusContent() {
        sessions.focusTable();
    }

    private static Node header(ShellViewModel shell) {
        FontIcon logo = new FontIcon(Feather.TERMINAL);
        logo.getStyleClass().add("app-logo");
        Label title = new Label("Agent Commander", logo);
        title.getStyleClass().addAll(Styles.TITLE_3, "app-title");
        Label mode = new Label(shell.mode());
        mode.setId("mode-label");
        mode.getStyleClass().add("mode-tag");
        HBox header = new HBox(12, title, mode);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");
        return header;
    }
}
