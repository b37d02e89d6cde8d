package dev.agentcommander.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pane printing as fast as tmux lets it, into an open terminal of the real solo app, while the person switches
 * away and back (the terminal stops streaming and starts again with a repaint): the view falls behind, drops what it
 * cannot parse for repaints, and once the flood ends shows the pane's last screen.
 */
@Timeout(240)
class FloodedTerminalTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final TmuxServer tmux = APP.tmux();

    @Test
    void aFloodedTerminal_shownHiddenAndShownAgain_endsShowingThePanesLastScreen() throws Exception {
        Path project = Files.createDirectories(work.resolve("flood")).toRealPath();
        String pane = APP.shell("flood", project);
        DesktopApp app = APP.startSolo(dataDir);
        AppWindow window = new AppWindow(APP.robot(), app);
        SessionItem item = window.awaitRow(project);
        window.openWithEnter(item);
        LiveTerminal live = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(live.terminal());
        await().atMost(WAIT).until(() -> probe.ready() && "live".equals(onFx(() -> live.stateProperty().get())));

        tmux.tmux("send-keys", "-t", pane, "-l", "timeout 8 yes \"$(printf '\\033[32mflooding the pane\\033[0m')\"; "
                + "clear; echo flood-over-$((6*7))");
        tmux.tmux("send-keys", "-t", pane, "Enter");
        await().atMost(WAIT).until(() -> probe.screenText().contains("flooding the pane"));
        for (int i = 0; i < 6; i++) {
            onFx(() -> {
                live.visible(false);
                return null;
            });
            await().atMost(WAIT).until(() -> "closed".equals(onFx(() -> live.stateProperty().get())));
            onFx(() -> {
                live.visible(true);
                return null;
            });
            // shown again: streaming once its repaint arrived (the flood may have ended meanwhile)
            await().atMost(WAIT).until(() -> "live".equals(onFx(() -> live.stateProperty().get()))
                    && (probe.screenText().contains("flooding the pane") || probe.screenText().contains("flood-over")));
        }

        await().atMost(WAIT).until(() -> tmux.tmux("capture-pane", "-p", "-t", pane).contains("flood-over-42"));
        await().atMost(WAIT).until(() -> probe.screenText().contains("flood-over-42"));
        assertThat(probe.screenText()).doesNotContain("flooding the pane");
        assertThat(onFx(() -> live.terminal().droppedBytes())).as("the view fell behind and dropped output")
                .isPositive();
        assertThat(onFx(() -> live.stateProperty().get())).isEqualTo("live");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
