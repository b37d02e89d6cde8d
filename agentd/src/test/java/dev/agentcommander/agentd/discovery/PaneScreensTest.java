package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Screens of real panes, counted through a tmux wrapper that logs each tmux process started. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaneScreensTest {
    @TempDir
    Path dir;

    private TmuxServer server;
    private TmuxRunner tmux;

    @AfterEach
    void tearDown() {
        if (tmux != null) {
            tmux.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void allScreensComeFromOneTmuxCall_andAQuietPaneIsNotCapturedAgain() throws IOException {
        server = TmuxServer.start(dir);
        String first = server.paneIds().get(0);
        String second = server.tmux("new-window", "-P", "-F", "#{pane_id}", "-c", dir.toString());
        server.awaitPrompt(first);
        server.awaitPrompt(second);
        server.tmux("send-keys", "-t", first, "-l", "echo 'first; pane'");
        server.tmux("send-keys", "-t", first, "Enter");
        server.tmux("send-keys", "-t", second, "-l", "echo second-pane");
        server.tmux("send-keys", "-t", second, "Enter");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tmux("capture-pane", "-p", "-t", second)
                .contains("second-pane\n"));
        Path calls = dir.resolve("calls.log");
        tmux = new TmuxRunner(new TmuxConfig(countingTmux(calls).toString(), server.socket(), 1000));
        PaneScreens screens = new PaneScreens(tmux);
        Instant activity = Instant.now().minusSeconds(60);

        Map<String, String> seen = screens.screens(List.of(pane(first, activity), pane(second, activity)),
                Instant.now());

        assertThat(seen.get(first)).contains("first; pane").doesNotContain("second-pane");
        assertThat(seen.get(second)).contains("second-pane").doesNotContain("first; pane");
        assertThat(Files.readAllLines(calls)).hasSize(1);

        assertThat(screens.screens(List.of(pane(first, activity), pane(second, activity)), Instant.now()))
                .isEqualTo(seen);
        assertThat(Files.readAllLines(calls)).hasSize(1);

        Map<String, String> after = screens.screens(List.of(pane(first, Instant.now()), pane("%999", activity)),
                Instant.now());
        assertThat(after).containsOnlyKeys(first);
        assertThat(after.get(first)).contains("first; pane");
    }

    private static Pane pane(String paneId, Instant activity) {
        return new Pane(paneId, 1, false, 0, "0", activity, "", "claude", "main", "w", "t", "/");
    }

    private Path countingTmux(Path log) throws IOException {
        Path script = dir.resolve("tmux-counting");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec tmux \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
