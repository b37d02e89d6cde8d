package dev.agentcommander.desktop.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppWindow;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The real app: Ctrl+K, a few letters of a session's folder and Enter open that session. */
@Timeout(240)
class PaletteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final TmuxServer tmux = TmuxServer.notStarted();
    private final FxRobot robot = new FxRobot();
    private DesktopApp app;

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
        }
    }

    @Test
    void ctrlK_findsASessionByItsFolder_andEnterOpensIt() throws Exception {
        Path other = Files.createDirectories(work.resolve("other-project")).toRealPath();
        Path wanted = Files.createDirectories(work.resolve("billing-service")).toRealPath();
        for (Path folder : new Path[] {other, wanted}) {
            tmux.tmux("new-session", "-d", "-s", folder.getFileName().toString(), "-x", "100", "-y", "30",
                    "-c", folder.toString(), "env PS1='$ ' bash --norc --noprofile");
        }
        LaunchOptions options = LaunchOptions.solo(dataDir, tmux.socket());
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(options));
        AppWindow window = new AppWindow(robot, app);
        window.awaitRow(other);
        SessionItem item = window.awaitRow(wanted);

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        TextField query = robot.lookup("#" + PaletteView.QUERY_ID).queryAs(TextField.class);
        await().atMost(WAIT).until(() -> onFx(query::isFocused));
        robot.write("bill serv");
        await().atMost(WAIT).until(() -> onFx(() -> query.getText().equals("bill serv")));
        robot.type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> onFx(() -> app.workspace().sessionView(item.sessionId()) != null));
        assertThat(onFx(() -> app.workspace().tabs().getSelectionModel().getSelectedItem().getUserData()))
                .isEqualTo(item.sessionId());
        assertThat(onFx(() -> query.getScene() != null && query.getParent().getParent().isVisible())).isFalse();
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
