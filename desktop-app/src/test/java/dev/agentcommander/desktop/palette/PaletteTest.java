package dev.agentcommander.desktop.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.console.AppWindow;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The real app: Ctrl+K, a few letters of a session's folder and Enter open that session. */
@Timeout(240)
class PaletteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final FxRobot robot = APP.robot();

    @Test
    void ctrlK_findsASessionByItsFolder_andEnterOpensIt() throws Exception {
        Path other = Files.createDirectories(work.resolve("other-project")).toRealPath();
        Path wanted = Files.createDirectories(work.resolve("billing-service")).toRealPath();
        APP.shell("other", other);
        APP.shell("billing", wanted);
        DesktopApp app = APP.startSolo(dataDir);
        AppWindow window = APP.window();
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
