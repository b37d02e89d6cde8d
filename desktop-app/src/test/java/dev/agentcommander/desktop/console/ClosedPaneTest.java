package dev.agentcommander.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.Workspace;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real app in solo mode (embedded control plane, real agentd, a private tmux server) with panes that exit: a
 * watched one keeps its last screen under the "has closed" banner and takes no typing, and reopened later shows the
 * control plane's stored screen; one nobody watched says its screen was not kept instead of a blank terminal, in its
 * session view and in a grid tile.
 */
@Timeout(240)
class ClosedPaneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BANNER = "This pane has closed — its last screen as of ";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final TmuxServer tmux = APP.tmux();
    private final FxRobot robot = APP.robot();

    @BeforeEach
    void keepTheTmuxServerUp() throws Exception {
        // The panes under test exit; another session keeps their tmux server running.
        APP.shell("keeper", Files.createDirectories(work.resolve("keeper")));
    }

    @Test
    void watchedPaneThatExits_keepsItsLastScreenUnderTheBanner_andReopenedShowsTheStoredScreen() throws Exception {
        Path project = Files.createDirectories(work.resolve("watched")).toRealPath();
        String pane = APP.shell("watched", project);
        type(pane, "echo before-$((6*7))");
        DesktopApp app = APP.startSolo(dataDir);
        AppWindow window = new AppWindow(robot, app);
        SessionItem item = window.awaitRow(project);

        window.openWithEnter(item);
        LiveTerminal live = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(live.terminal());
        await().atMost(WAIT).until(() -> probe.ready() && probe.screenText().contains("before-42"));
        type(pane, "echo last-$((6*8))");
        await().atMost(WAIT).until(() -> probe.screenText().contains("last-48"));

        tmux.tmux("kill-pane", "-t", pane);
        await().atMost(WAIT).until(() -> onFx(() -> item.row().status()) == SessionStatus.GONE);
        await().atMost(WAIT).until(() -> onFx(() -> label(SessionView.CLOSED_ID).isVisible()));
        assertThat(onFx(() -> label(SessionView.CLOSED_ID).getText())).startsWith(BANNER);
        assertThat(onFx(() -> live.stateProperty().get())).isEqualTo(LiveTerminal.PANE_CLOSED);
        assertThat(onFx(() -> label("session-stream").getText())).isEqualTo("console pane closed");
        assertThat(onFx(() -> live.streaming())).isFalse();
        assertThat(probe.screenText()).contains("before-42").contains("last-48");
        assertThat(onFx(() -> node(SessionView.NOT_KEPT_ID).isVisible())).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.W).release(KeyCode.W, KeyCode.SHIFT, KeyCode.CONTROL);
        Workspace workspace = app.workspace();
        await().atMost(WAIT).until(() -> onFx(() -> workspace.sessionView(item.sessionId())) == null);
        onFx(() -> {
            workspace.openSession(item.sessionId());
            return null;
        });
        LiveTerminal reopened = window.awaitSessionTerminal(item);
        TerminalProbe reopenedProbe = new TerminalProbe(reopened.terminal());
        // What the control plane stored is the screen captured when the pane was first watched.
        await().atMost(WAIT).until(() -> reopenedProbe.ready() && reopenedProbe.screenText().contains("before-42"));
        await().atMost(WAIT).until(() -> onFx(() -> label(SessionView.CLOSED_ID).isVisible()));
        assertThat(onFx(() -> label(SessionView.CLOSED_ID).getText())).startsWith(BANNER);
        assertThat(onFx(() -> reopened.stateProperty().get())).isEqualTo(LiveTerminal.PANE_CLOSED);
        assertThat(onFx(() -> reopened.streaming())).isFalse();
    }

    @Test
    void unwatchedPaneThatExits_saysItsScreenWasNotKept_inItsViewBesideItsTimeline_andInAGridTile() throws Exception {
        Path project = Files.createDirectories(work.resolve("unwatched")).toRealPath();
        String pane = APP.shell("unwatched", project);
        DesktopApp app = APP.startSolo(dataDir);
        AppWindow window = new AppWindow(robot, app);
        SessionItem item = window.awaitRow(project);
        tmux.tmux("kill-pane", "-t", pane);
        await().atMost(WAIT).until(() -> onFx(() -> item.row().status()) == SessionStatus.GONE);

        window.openWithEnter(item);
        LiveTerminal terminal = window.awaitSessionTerminal(item);
        await().atMost(WAIT).until(() -> onFx(() -> node(SessionView.NOT_KEPT_ID).isVisible()));
        assertThat(onFx(() -> label(SessionView.NOT_KEPT_ID).getText())).isEqualTo(ClosedPane.NOT_KEPT);
        assertThat(onFx(() -> terminal.node().isVisible())).isFalse();
        assertThat(onFx(() -> label(SessionView.CLOSED_ID).isVisible())).isFalse();
        assertThat(onFx(() -> terminal.stateProperty().get())).isEqualTo(LiveTerminal.PANE_CLOSED);
        assertThat(onFx(() -> terminal.streaming())).isFalse();
        assertThat(onFx(() -> label("session-name").getText())).isNotBlank()
                .isEqualTo(onFx(() -> SessionsViewModel.displayName(item.row())));
        assertThat(onFx(() -> robot.lookup(".timeline").query().isVisible())).isTrue();

        onFx(() -> {
            app.workspace().grid(List.of(item));
            return null;
        });
        LiveTerminal tile = window.awaitTile(item);
        await().atMost(WAIT).until(() -> onFx(() -> !tile.node().isVisible() && tile.node().getParent()
                .getChildrenUnmodifiable().stream().anyMatch(node -> node instanceof Label message
                        && message.isVisible() && ClosedPane.NOT_KEPT.equals(message.getText()))));
        assertThat(onFx(() -> tile.streaming())).isFalse();
    }

    private void type(String pane, String line) {
        tmux.tmux("send-keys", "-t", pane, "-l", line);
        tmux.tmux("send-keys", "-t", pane, "Enter");
    }

    private Label label(String id) {
        return (Label) node(id);
    }

    private Node node(String id) {
        return robot.lookup("#" + id).query();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
