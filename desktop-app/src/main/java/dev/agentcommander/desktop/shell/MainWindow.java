package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.palette.PaletteEntry;
import dev.agentcommander.desktop.palette.PaletteView;
import dev.agentcommander.desktop.palette.PaletteViewModel;
import dev.agentcommander.desktop.settings.SettingsDialog;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's scene: header, the sessions screen under the startup overlay, status bar. UI thread. */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    public static final String SETTINGS_ID = "settings-button";
    public static final String STORE_BANNER_ID = "store-unavailable-banner";
    static final String STORE_UNAVAILABLE_TEXT = "The control plane's database does not answer. Nothing new is "
            + "stored or shown until it is back, so what you see may be stale; it carries on by itself when the "
            + "database answers again.";
    public static final KeyCombination SETTINGS = new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);

    private final Scene scene;
    private final SessionsView sessions;
    private final PaletteView palette;
    private final ShortcutsOverlay shortcuts = new ShortcutsOverlay();

    /** {@code signIn}: the thin client's sign-in screen, shown over the window while {@code signingIn}; or null. */
    public MainWindow(ShellViewModel shell, SessionsView sessions, Workspace workspace, SettingsDialog settings,
                      Node signIn, ObservableBooleanValue signingIn, Runnable onRetry, Runnable onQuit) {
        this.sessions = sessions;
        BorderPane root = new BorderPane();
        root.getStyleClass().add("main-window");
        root.setTop(new VBox(header(shell, settings), storeBanner(shell)));
        palette = new PaletteView(new PaletteViewModel(() -> {
            List<PaletteEntry> entries = new ArrayList<>(workspace.paletteEntries());
            entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Settings", SETTINGS.getDisplayText(),
                    () -> settings.show(root)));
            entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Keyboard shortcuts",
                    ShortcutsOverlay.SHOW.getDisplayText(), shortcuts::show));
            return entries;
        }));
        StartupOverlay overlay = new StartupOverlay(shell, signIn, signingIn, onRetry, onQuit);
        root.setCenter(new StackPane(workspace.node(), overlay.node(), palette.node(), shortcuts.node()));
        root.setBottom(new StatusBar(shell).node());
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("shell.css").toExternalForm());
        // Accelerators fire only for keys nobody used: in a terminal, Ctrl+K and F1 go to the pane.
        scene.getAccelerators().put(SETTINGS, () -> settings.show(root));
        scene.getAccelerators().put(ShortcutsOverlay.PALETTE, palette::show);
        scene.getAccelerators().put(ShortcutsOverlay.SHOW, shortcuts::show);
    }

    public Scene scene() {
        return scene;
    }

    /** After showing: focus the table, so the search field shows its prompt instead of a caret. */
    public void focusContent() {
        sessions.focusTable();
    }

    private static Node storeBanner(ShellViewModel shell) {
        Label banner = new Label(STORE_UNAVAILABLE_TEXT, new FontIcon(Feather.DATABASE));
        banner.setId(STORE_BANNER_ID);
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().addAll("store-banner", Styles.WARNING);
        banner.visibleProperty().bind(shell.storeUnavailableProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static Node header(ShellViewModel shell, SettingsDialog settings) {
        FontIcon logo = new FontIcon(Feather.TERMINAL);
        logo.getStyleClass().add("app-logo");
        Label title = new Label("Agent Commander", logo);
        title.getStyleClass().addAll(Styles.TITLE_3, "app-title");
        Label mode = new Label(shell.mode());
        mode.setId("mode-label");
        mode.getStyleClass().add("mode-tag");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button gear = new Button(null, new FontIcon(Feather.SETTINGS));
        gear.setId(SETTINGS_ID);
        gear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        gear.setTooltip(new Tooltip("Settings (Ctrl+,)"));
        gear.setFocusTraversable(false);
        gear.setOnAction(event -> settings.show(gear));
        HBox header = new HBox(12, title, mode, spacer, gear);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");
        return header;
    }
}
