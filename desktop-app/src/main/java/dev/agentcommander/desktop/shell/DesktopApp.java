package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.agentcommander.desktop.settings.ColorSchemePortal;
import dev.agentcommander.desktop.settings.Settings;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.client.Backend;
import dev.agentcommander.desktop.client.RemoteBackend;
import dev.agentcommander.desktop.console.TerminalPages;
import dev.agentcommander.desktop.login.LoginScreen;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.solo.DataDir;
import dev.agentcommander.desktop.solo.LocalBackend;
import dev.agentcommander.schema.WireCodec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.stage.Stage;
import dev.agentcommander.desktop.notify.AttentionNotifier;
import dev.agentcommander.desktop.notify.DesktopNotifier;
import dev.agentcommander.desktop.settings.SettingsDialog;
import dev.agentcommander.desktop.settings.SettingsStore;
import dev.agentcommander.desktop.settings.TeamDatabase;
import dev.agentcommander.desktop.settings.TeamDatabaseProbe;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.desktop.window.RememberedWindow;
import dev.agentcommander.desktop.window.WindowLayoutStore;
import java.nio.file.Path;

/** The JavaFX application: builds the window and hands startup to {@link AppRuntime}. Lifecycle calls run on the FX thread. */
public final class DesktopApp extends Application {
    private LaunchOptions options;
    private Map<String, String> environment = System.getenv();
    private AppRuntime runtime;
    private Timeline clock;
    private Thread shutdownHook;
    private Workspace workspace;
    private DesktopNotifier notifier;
    private SettingsStore settings;
    private LoginScreen login;
    private RememberedWindow window;

    /** Used by {@link Application#launch}: options come from the command line in {@link #init()}. */
    public DesktopApp() {
    }

    /** The window's tabs (sessions, grid, open sessions); null before {@link #start}. */
    public Workspace workspace() {
        return workspace;
    }

    /** Used by tests and embedders that parsed options already. */
    public DesktopApp(LaunchOptions options) {
        this.options = options;
    }

    /** As {@link #DesktopApp(LaunchOptions)}, reading variables such as the thin client's token from {@code environment}. */
    public DesktopApp(LaunchOptions options, Map<String, String> environment) {
        this.options = options;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void init() {
        if (options == null) {
            options = LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new));
        }
    }

    @Override
    public void start(Stage stage) {
        WireCodec codec = new WireCodec();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        FxUiExecutor ui = new FxUiExecutor();
        // A thin client without a token signs in with GitHub; with one it keeps using it.
        String token = environment.get(RemoteBackend.TOKEN_ENV);
        if (options.connect().isPresent() && (token == null || token.isBlank())) {
            login = new LoginScreen(ui, url -> getHostServices().showDocument(url));
        }
        settings = new SettingsStore(SettingsStore.fileFor(environment, Path.of(System.getProperty("user.home"))),
                codec.mapper());
        TeamDatabase database = TeamDatabase.choose(options, settings.current());
        Backend backend = backendFor(options, database, token, login, codec, http);
        ShellViewModel shell = new ShellViewModel(backend.modeLabel(), Instant.now());
        SessionsViewModel sessions = new SessionsViewModel(Instant.now());
        SessionsView sessionsView = new SessionsView(sessions);
        Path dataDir = DataDir.resolve(options.dataDir());
        WorkspaceStore store = new WorkspaceStore(dataDir.resolve("workspace.json"), codec.mapper());
        workspace = new Workspace(sessions, sessionsView, store, Clock.systemUTC(), ui, codec.mapper());
        runtime = new AppRuntime(backend, codec, http, ui, shell, sessions, workspace::connected);
        // The backend starts on its own thread now, while this one builds the window: on a cold JVM both are mostly
        // class loading, and they overlap. What it reports reaches the window through the UI queue, after this.
        runtime.start();
        // SIGTERM or a logout skips stop(): still close the database and remove control-plane.json.
        shutdownHook = new Thread(this::closeRuntime, "desktop-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        followTheme(ui);
        MainWindow mainWindow = new MainWindow(shell, sessionsView, workspace, new SettingsDialog(settings, database,
                new TeamDatabaseProbe(Duration.ofSeconds(5)), ui),
                login == null ? null : login.node(), login == null ? null : login.showing(), runtime::retry,
                Platform::exit);
        notifier = DesktopNotifier.start(environment.get("DBUS_SESSION_BUS_ADDRESS"), ui, target -> {
            stage.toFront();
            stage.requestFocus();
            workspace.show(target);
        });
        new AttentionNotifier(workspace.approvals(), sessions, notifier, workspace::lookingAt, settings::current,
                (delay, task) -> {
                    PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
                    pause.setOnFinished(event -> task.run());
                    pause.play();
                }, codec.mapper());

        clock = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> {
            Instant now = Instant.now();
            shell.tick(now);
            sessions.tick(now);
            workspace.tick();
        }));
        clock.setCycleCount(Animation.INDEFINITE);
        clock.play();

        // The title counts what waits for the person: approvals, and sessions needing attention for another reason.
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            int waiting = workspace.approvals().pendingCount().get() + (int) sessions.allItems().stream()
                    .filter(item -> item.row().needsAttention()
                            && item.row().status() != SessionStatus.WAITING_APPROVAL
                            && !item.isGone()).count();
            return waiting == 0 ? "Agent Commander" : "(" + waiting + ") Agent Commander";
        }, workspace.approvals().pendingCount(), sessions.allItems()));
        stage.setScene(mainWindow.scene());
        stage.setMinWidth(720);
        stage.setMinHeight(420);
        window = new RememberedWindow(stage, new WindowLayoutStore(dataDir.resolve("window.json"), codec.mapper()),
                workspace.timelineDivider());
        window.restore();
        stage.show();
        mainWindow.focusContent();
        // The first terminal opened should not wait for WebKit and xterm.js to load: load one page ahead.
        TerminalPages.prepareSoon();
    }

    /** Dark until the desktop's preference is known (asked off the UI thread); a chosen theme wins. */
    private void followTheme(FxUiExecutor ui) {
        boolean[] systemDark = {true};
        Runnable apply = () -> {
            Settings.Theme theme = settings.current().theme();
            boolean dark = theme == Settings.Theme.SYSTEM ? systemDark[0] : theme == Settings.Theme.DARK;
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
        };
        apply.run();
        settings.currentProperty().addListener((observable, before, now) -> apply.run());
        ColorSchemePortal.prefersDark(environment.get("DBUS_SESSION_BUS_ADDRESS")).thenAccept(preference ->
                preference.ifPresent(dark -> ui.execute(() -> {
                    systemDark[0] = dark;
                    apply.run();
                })));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (workspace != null) {
            workspace.close();
        }
        if (clock != null) {
            clock.stop();
        }
        if (notifier != null) {
            notifier.close();
        }
        // Blocks the closing window briefly: control-plane.json must be gone before the process ends.
        closeRuntime();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and runs the hook itself.
            }
        }
    }

    /** A sign-in still waiting ends first, so the startup thread is free to tear down. */
    private void closeRuntime() {
        if (login != null) {
            login.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static Backend backendFor(LaunchOptions options, TeamDatabase database, String token, LoginScreen login,
                                      WireCodec codec, HttpClient http) {
        if (options.connect().isPresent()) {
            return new RemoteBackend(options.connectUrl(), token, login, codec, http);
        }
        return new LocalBackend(DataDir.resolve(options.dataDir()), database.url(), options.tmuxSocket(),
                codec, http);
    }
}
