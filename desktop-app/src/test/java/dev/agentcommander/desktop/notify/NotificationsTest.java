package dev.agentcommander.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppWindow;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.Workspace;
import dev.agentcommander.schema.model.ApprovalRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Desktop notifications through a real notification service (dunst on a private D-Bus session bus): an approval
 * that arrives while the person looks elsewhere is notified, and clicking it shows that approval; one that arrives
 * while the approvals queue is on screen is not; the window title counts what waits.
 */
@Timeout(240)
class NotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    @TempDir
    Path desktop;

    private final TmuxServer tmux = TmuxServer.notStarted();
    private final FxRobot robot = new FxRobot();
    private final HttpClient http = HttpClient.newHttpClient();
    private NotificationDaemon daemon;
    private DesktopApp app;
    private String pane;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            tmux.close();
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void anApprovalIsNotified_unlessThePersonLooksAtTheQueue_andAClickShowsIt() throws Exception {
        daemon = NotificationDaemon.start(Files.createDirectories(desktop.resolve("session")));
        Path project = Files.createDirectories(work.resolve("notified")).toRealPath();
        pane = tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", "notified", "-x", "100", "-y", "30",
                "-c", project.toString(), "env PS1='$ ' bash --norc --noprofile").strip();
        LaunchOptions options = LaunchOptions.solo(dataDir, tmux.socket());
        Map<String, String> environment = Map.of("DBUS_SESSION_BUS_ADDRESS", daemon.busAddress(),
                "XDG_CONFIG_HOME", desktop.resolve("config").toString());
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(options, environment));
        new AppWindow(robot, app).awaitRow(project);
        HookEndpoint hooks = awaitHookEndpoint();
        Workspace workspace = app.workspace();

        permission(hooks, project, "make deploy");
        await().atMost(WAIT).until(() -> daemon.displayed() == 1);
        assertThat(onFx(() -> ((javafx.stage.Stage) workspace.tabs().getScene().getWindow()).getTitle()))
                .isEqualTo("(1) Agent Commander");

        daemon.clickTopmost();
        await().atMost(WAIT).until(() -> onFx(() -> Workspace.APPROVALS_TAB_ID.equals(
                workspace.tabs().getSelectionModel().getSelectedItem().getId())));
        ApprovalRow selected = onFx(() -> workspace.approvals().selectedProperty().get());
        assertThat(selected.toolInput().path("command").asText()).isEqualTo("make deploy");
        await().atMost(WAIT).until(() -> daemon.displayed() == 0);

        permission(hooks, project, "make seen-already");
        await().atMost(WAIT).until(() -> onFx(() -> workspace.approvals().pending().size() == 2));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> "tab-sessions".equals(
                workspace.tabs().getSelectionModel().getSelectedItem().getId())));
        permission(hooks, project, "make elsewhere");
        await().atMost(WAIT).until(() -> daemon.displayed() == 1);
        daemon.closeAll();
        await().atMost(WAIT).until(() -> daemon.history().contains("make elsewhere"));
        assertThat(daemon.history()).contains("Bash waits for approval").doesNotContain("make seen-already");
        assertThat(onFx(() -> ((javafx.stage.Stage) workspace.tabs().getScene().getWindow()).getTitle()))
                .isEqualTo("(3) Agent Commander");
    }

    private HookEndpoint awaitHookEndpoint() throws Exception {
        Path file = HookEndpoint.file(dataDir.resolve("agentd"));
        await().atMost(WAIT).until(() -> Files.exists(file));
        JsonNode stored = JSON.readTree(file.toFile());
        return new HookEndpoint(stored.path("url").asText(), stored.path("secret").asText());
    }

    private void permission(HookEndpoint hooks, Path cwd, String command) {
        String body = JSON.createObjectNode().put("session_id", "claude-n")
                .put("hook_event_name", "PermissionRequest").put("cwd", cwd.toString()).put("tool_name", "Bash")
                .set("tool_input", JSON.createObjectNode().put("command", command)).toString();
        http.sendAsync(HttpRequest.newBuilder(URI.create(hooks.url() + "/hooks/PermissionRequest"))
                .header("Content-Type", "application/json").header("X-Tmux-Pane", pane)
                .header("Authorization", "Bearer " + hooks.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
