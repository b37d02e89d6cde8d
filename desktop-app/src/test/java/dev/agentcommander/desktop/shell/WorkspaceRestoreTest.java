package dev.agentcommander.desktop.shell;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.approvals.ApprovalsScreen;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.hosts.HostsScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The tab that was selected at exit is selected again after a restart, the hosts and approvals tabs included. */
@Timeout(240)
class WorkspaceRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final FxRobot robot = APP.robot();

    @Test
    void hostsTabSelectedAtExit_isSelectedAfterRestart_andSoIsTheApprovalsTab() throws Exception {
        Path project = Files.createDirectories(work.resolve("api")).toRealPath();
        APP.shell("api", project);
        DesktopApp app = APP.startSolo(dataDir);
        APP.window().awaitRow(project);
        Path saved = dataDir.resolve("workspace.json");

        app = selectAndRestart(app, KeyCode.J, WorkspaceState.HOSTS, saved, project);
        awaitSelected(app, HostsScreen.TAB_ID);

        app = selectAndRestart(app, KeyCode.P, WorkspaceState.APPROVALS, saved, project);
        awaitSelected(app, ApprovalsScreen.TAB_ID);
    }

    private DesktopApp selectAndRestart(DesktopApp app, KeyCode key, String which, Path saved,
            Path project) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, key)
                .release(key, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> Files.exists(saved)
                && Files.readString(saved).contains("\"selected\":\"" + which + "\""));
        APP.stopApp();
        DesktopApp restarted = APP.startSolo(dataDir);
        APP.window().awaitRow(project);
        return restarted;
    }

    private static void awaitSelected(DesktopApp app, String tabId) {
        await().atMost(WAIT).until(() -> onFx(() -> tabId.equals(
                app.workspace().tabs().getSelectionModel().getSelectedItem().getId())));
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
