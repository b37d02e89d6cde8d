package dev.agentcommander.desktop.console;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real app for a TestFX test, as a JUnit extension ({@code @RegisterExtension static}): a private tmux server,
 * the app started on it, a robot to drive it; the app, its windows and tmux stopped after each test.
 */
public final class AppUnderTest implements BeforeAllCallback, AfterEachCallback {
    private TmuxServer tmux = TmuxServer.notStarted();
    private final FxRobot robot = new FxRobot();
    private DesktopApp app;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            app = null;
            tmux.close();
            tmux = TmuxServer.notStarted();
        }
    }

    public TmuxServer tmux() {
        return tmux;
    }

    public FxRobot robot() {
        return robot;
    }

    /** A bash pane (no rc files, a plain {@code $ } prompt) of 100 × 30 in its own tmux session; its pane id. */
    public String shell(String name, Path cwd) {
        return tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", name, "-x", "100", "-y", "30",
                "-c", cwd.toString(), "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile").strip();
    }

    /**
     * The app in solo mode on this tmux server, its state in {@code dataDir}, its settings in {@code dataDir/config}:
     * never the developer's own settings.json, whose saved team database would turn solo into team mode.
     */
    public DesktopApp startSolo(Path dataDir) throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("XDG_CONFIG_HOME", dataDir.resolve("config").toAbsolutePath().toString());
        return start(LaunchOptions.solo(dataDir, tmux.socket()), environment);
    }

    public DesktopApp start(LaunchOptions options, Map<String, String> environment) throws Exception {
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(options, environment));
        return app;
    }

    /** Closes the app as quitting does (its workspace saved), keeping the tmux server for a restart. */
    public void stopApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
        FxToolkit.cleanupStages();
    }

    public AppWindow window() {
        return new AppWindow(robot, app);
    }
}
