package dev.agentcommander.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.testing.HookClient;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.approvals.ApprovalsScreen;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.Workspace;
import dev.agentcommander.schema.model.ApprovalRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Desktop notifications through a real notification service (dunst on a private D-Bus session bus): an approval
 * that arrives while the person looks elsewhere is notified, and clicking it shows that approval; one that arrives
 * while the approvals queue is on screen is not; the window title counts what waits. A burst of approvals is one
 * summary, and one that comes alone afterwards is shown as itself.
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

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final FxRobot robot = APP.robot();
    private NotificationDaemon daemon;

    @AfterEach
    void stopTheDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void anApprovalIsNotified_unlessThePersonLooksAtTheQueue_andAClickShowsIt() throws Exception {
        daemon = NotificationDaemon.start(Files.createDirectories(desktop.resolve("session")));
        Path project = Files.createDirectories(work.resolve("notified")).toRealPath();
        String pane = APP.shell("notified", project);
        DesktopApp app = APP.start(LaunchOptions.solo(dataDir, APP.tmux().socket()), Map.of(
                "DBUS_SESSION_BUS_ADDRESS", daemon.busAddress(), "XDG_CONFIG_HOME", desktop.resolve("config").toString()));
        APP.window().awaitRow(project);
        HookClient hooks = HookClient.forStateDir(dataDir.resolve("agentd"), JSON);
        Workspace workspace = app.workspace();

        hooks.permission(pane, project, "make deploy");
        await().atMost(WAIT).until(() -> daemon.displayed() == 1);
        assertThat(onFx(() -> ((javafx.stage.Stage) workspace.tabs().getScene().getWindow()).getTitle()))
                .isEqualTo("(1) Agent Commander");

        daemon.clickTopmost();
        await().atMost(WAIT).until(() -> onFx(() -> ApprovalsScreen.TAB_ID.equals(
                workspace.tabs().getSelectionModel().getSelectedItem().getId())));
        ApprovalRow selected = onFx(() -> workspace.approvals().selectedProperty().get());
        assertThat(selected.toolInput().path("command").asText()).isEqualTo("make deploy");
        await().atMost(WAIT).until(() -> daemon.displayed() == 0);

        hooks.permission(pane, project, "make seen-already");
        await().atMost(WAIT).until(() -> onFx(() -> workspace.approvals().pending().size() == 2));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> "tab-sessions".equals(
                workspace.tabs().getSelectionModel().getSelectedItem().getId())));
        hooks.permission(pane, project, "make elsewhere");
        await().atMost(WAIT).until(() -> daemon.displayed() == 1);
        daemon.closeAll();
        await().atMost(WAIT).until(() -> daemon.history().contains("make elsewhere"));
        assertThat(daemon.history()).contains("Bash waits for approval").doesNotContain("make seen-already");
        assertThat(onFx(() -> ((javafx.stage.Stage) workspace.tabs().getScene().getWindow()).getTitle()))
                .isEqualTo("(3) Agent Commander");
    }

    @Test
    void aBurstOf50Approvals_isOneSummary_andOneArrivingAloneAfterItShowsAlone() throws Exception {
        daemon = NotificationDaemon.start(Files.createDirectories(desktop.resolve("session")));
        daemon.recordNotifyCalls();
        Path project = Files.createDirectories(work.resolve("burst")).toRealPath();
        String pane = APP.shell("burst", project);
        DesktopApp app = APP.start(LaunchOptions.solo(dataDir, APP.tmux().socket()), Map.of(
                "DBUS_SESSION_BUS_ADDRESS", daemon.busAddress(), "XDG_CONFIG_HOME", desktop.resolve("config").toString()));
        APP.window().awaitRow(project);
        HookClient hooks = HookClient.forStateDir(dataDir.resolve("agentd"), JSON);
        Workspace workspace = app.workspace();

        for (int i = 1; i <= 50; i++) {
            hooks.permission(pane, project, "make part-" + i);
        }
        await().atMost(WAIT).until(() -> onFx(() -> workspace.approvals().pending().size() == 50));
        await().atMost(WAIT).until(() -> !daemon.notified().isEmpty());
        assertThat(daemon.notified()).singleElement().satisfies(summary -> {
            assertThat(summary.summary()).isEqualTo("50 approvals wait");
            assertThat(summary.body().lines()).hasSize(6).first().asString().startsWith("Bash: make part-");
            assertThat(summary.body()).endsWith("… and 45 more");
        });
        assertThat(daemon.displayed()).isEqualTo(1);

        hooks.permission(pane, project, "make alone");
        await().atMost(WAIT).until(() -> daemon.notified().size() == 2);
        NotificationDaemon.Notified alone = daemon.notified().get(1);
        assertThat(alone.summary()).isEqualTo("Bash waits for approval");
        assertThat(alone.body()).startsWith("make alone");
        await().atMost(WAIT).until(() -> daemon.displayed() == 2);
        assertThat(daemon.notified()).extracting(NotificationDaemon.Notified::summary)
                .isEqualTo(List.of("50 approvals wait", "Bash waits for approval"));
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
