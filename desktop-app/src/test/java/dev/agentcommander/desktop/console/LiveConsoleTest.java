package dev.agentcommander.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real app in solo mode (embedded control plane, a real agentd, a private tmux server): a session opened from
 * the table shows its pane live in xterm.js, read back through xterm.js's buffer API; keys typed into the terminal
 * reach the pane; a grid tile that is closed stops the pane's stream; the recording plays in the real asciinema.
 */
@Timeout(240)
class LiveConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final TmuxServer tmux = APP.tmux();
    private final FxRobot robot = APP.robot();
    private DesktopApp app;

    @Test
    void sessionView_showsColoursAndAFullScreenProgram_andWhatIsTypedReachesThePane() throws Exception {
        Path project = Files.createDirectories(work.resolve("colours")).toRealPath();
        Files.writeString(project.resolve("notes.txt"), "first line of the notes\nsecond line of the notes\n");
        String pane = APP.shell("colours", project);
        app = APP.startSolo(dataDir);
        AppWindow window = new AppWindow(robot, app);

        SessionItem item = window.awaitRow(project);
        window.openWithEnter(item);
        LiveTerminal live = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(live.terminal());
        await().atMost(WAIT).until(probe::ready);
        await().atMost(WAIT).until(() -> "live".equals(onFx(() -> live.stateProperty().get())));
        assertThat(probe.size().get("cols").asInt()).isEqualTo(100);
        assertThat(probe.size().get("rows").asInt()).isEqualTo(30);

        tmux.tmux("send-keys", "-t", pane, "-l", "printf '\\033[31mRE''D\\033[0m \\033[38;5;208mORAN''GE\\033[0m "
                + "\\033[38;2;10;200;30mRG''B\\033[0m \\033[1;44mBOLD''BLUE\\033[0m\\n'");
        tmux.tmux("send-keys", "-t", pane, "Enter");
        await().atMost(WAIT).until(() -> probe.screenText().contains("BOLDBLUE"));
        assertThat(probe.cellOf("RED").get("fg").asText()).isEqualTo("p1");
        assertThat(probe.cellOf("ORANGE").get("fg").asText()).isEqualTo("p208");
        assertThat(probe.cellOf("RGB").get("fg").asText()).isEqualTo("#0ac81e");
        assertThat(probe.cellOf("BOLDBLUE").get("bg").asText()).isEqualTo("p4");
        assertThat(probe.cellOf("BOLDBLUE").get("bold").asBoolean()).isTrue();

        tmux.tmux("send-keys", "-t", pane, "-l", "less notes.txt");
        tmux.tmux("send-keys", "-t", pane, "Enter");
        await().atMost(WAIT).until(() -> "alternate".equals(probe.bufferType())
                && probe.screenText().contains("second line of the notes"));
        assertThat(probe.screenText()).doesNotContain("BOLDBLUE");
        tmux.tmux("send-keys", "-t", pane, "q");
        await().atMost(WAIT).until(() -> "normal".equals(probe.bufferType()) && probe.screenText().contains("BOLDBLUE"));
        assertThat(probe.cellOf("ORANGE").get("fg").asText()).isEqualTo("p208");

        robot.clickOn(live.node());
        robot.write("echo typed-h\u00e9llo-\u4e16\u754c");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> capture(pane).contains("\ntyped-h\u00e9llo-\u4e16\u754c"));
        await().atMost(WAIT).until(() -> probe.screenText().contains("typed-h\u00e9llo-\u4e16\u754c"));

        robot.write("sleep 600");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> "sleep".equals(currentCommand(pane)));
        robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> "bash".equals(currentCommand(pane)));

        Path cast = work.resolve("colours.cast");
        onFx(() -> {
            live.exportRecording(cast, "colours");
            return null;
        });
        String header = Files.readAllLines(cast).get(0);
        JsonNode meta = new ObjectMapper().readTree(header);
        assertThat(meta.get("version").asInt()).isEqualTo(2);
        assertThat(meta.get("width").asInt()).isEqualTo(100);
        assertThat(meta.get("height").asInt()).isEqualTo(30);
        String player = tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", "player", "-x", "100", "-y", "30",
                "asciinema cat '" + cast + "'; sleep 600").strip();
        await().atMost(WAIT).until(() -> "sleep".equals(currentCommand(player)));
        assertThat(capture(player)).isEqualTo(capture(pane)).contains("typed-h\u00e9llo-\u4e16\u754c");
    }

    @Test
    void grid_streamsEveryTile_andAClosedTileStopsItsPanesStream() throws Exception {
        Path left = Files.createDirectories(work.resolve("left")).toRealPath();
        Path right = Files.createDirectories(work.resolve("right")).toRealPath();
        String leftPane = APP.shell("left", left);
        String rightPane = APP.shell("right", right);
        app = APP.startSolo(dataDir);
        AppWindow window = new AppWindow(robot, app);
        SessionItem leftItem = window.awaitRow(left);
        SessionItem rightItem = window.awaitRow(right);

        window.select(List.of(leftItem, rightItem));
        robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);

        Workspace workspace = app.workspace();
        LiveTerminal leftTile = window.awaitTile(leftItem);
        LiveTerminal rightTile = window.awaitTile(rightItem);
        TerminalProbe leftProbe = new TerminalProbe(leftTile.terminal());
        TerminalProbe rightProbe = new TerminalProbe(rightTile.terminal());
        type(leftPane, "echo left-$((6*7))");
        type(rightPane, "echo right-$((6*8))");
        await().atMost(WAIT).until(() -> leftProbe.ready() && leftProbe.screenText().contains("left-42"));
        await().atMost(WAIT).until(() -> rightProbe.ready() && rightProbe.screenText().contains("right-48"));
        assertThat(pipe(leftPane)).isEqualTo("1");
        assertThat(pipe(rightPane)).isEqualTo("1");

        onFx(() -> {
            workspace.gridModel().focusedProperty().set(workspace.gridModel().sessionIds().indexOf(rightItem.sessionId()));
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.W).release(KeyCode.W, KeyCode.SHIFT, KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> "0".equals(pipe(rightPane)));
        assertThat(window.tile(rightItem)).isNull();
        type(leftPane, "echo still-$((6*9))");
        await().atMost(WAIT).until(() -> leftProbe.screenText().contains("still-54"));
        assertThat(pipe(leftPane)).isEqualTo("1");
    }

    private void type(String pane, String line) {
        tmux.tmux("send-keys", "-t", pane, "-l", line);
        tmux.tmux("send-keys", "-t", pane, "Enter");
    }

    private String capture(String pane) {
        return tmux.tmux("capture-pane", "-p", "-t", pane);
    }

    private String currentCommand(String pane) {
        return tmux.tmux("display-message", "-p", "-t", pane, "#{pane_current_command}").strip();
    }

    private String pipe(String pane) {
        return tmux.tmux("display-message", "-p", "-t", pane, "#{pane_pipe}").strip();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
