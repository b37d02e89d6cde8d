package dev.agentcommander.agentd.tmux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.testing.TmuxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TmuxRunnerTest {
    @TempDir
    Path dir;

    @Test
    void run_argumentsWithShellMetacharacters_passLiterally() throws Exception {
        Path marker = dir.resolve("pwned");
        String nasty = "$(touch " + marker + "); `touch " + marker + "` | & > < ' \" * ~ \\ #{pane_id} ;";
        try (TmuxServer server = TmuxServer.start(dir); TmuxRunner tmux = new TmuxRunner(server.config(1000))) {
            String pane = server.paneIds().get(0);

            tmux.run("set-option", "-p", "-t", pane, "@ac_test", nasty);

            assertThat(server.tmux("show-options", "-p", "-t", pane, "-v", "@ac_test")).isEqualTo(nasty);
            assertThat(marker).doesNotExist();
            tmux.run("set-option", "-p", "-t", pane, "@ac_test", "ends in escaped \\;");
            assertThat(server.tmux("show-options", "-p", "-t", pane, "-v", "@ac_test")).isEqualTo("ends in escaped \\;");
        }
    }

    @Test
    void run_unknownPane_throwsWithCommandAndStderr() {
        try (TmuxServer server = TmuxServer.start(dir); TmuxRunner tmux = new TmuxRunner(server.config(1000))) {
            assertThatThrownBy(() -> tmux.run("send-keys", "-t", "%999", "x"))
                    .isInstanceOfSatisfying(TmuxException.class, e -> {
                        assertThat(e.command()).containsExactly("tmux", "-S", server.socket(), "send-keys", "-t",
                                "%999", "x");
                        assertThat(e.stderr()).contains("%999");
                        assertThat(e.exitCode()).isEqualTo(1);
                        assertThat(e.noServer()).isFalse();
                        assertThat(e.getMessage()).contains("send-keys").contains("%999");
                    });
        }
    }

    @Test
    void run_noServerOnTheSocket_isReportedAsNoServer() {
        try (TmuxServer server = TmuxServer.notStarted(); TmuxRunner tmux = new TmuxRunner(server.config(1000))) {
            assertThatThrownBy(() -> tmux.run("list-panes", "-a"))
                    .isInstanceOfSatisfying(TmuxException.class, e -> assertThat(e.noServer()).isTrue());
        }
    }

    @Test
    void run_hangingTmux_isKilledAtTheTimeout() throws IOException {
        Path fakeTmux = dir.resolve("tmux");
        Files.writeString(fakeTmux, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(fakeTmux, PosixFilePermissions.fromString("rwx------"));
        try (TmuxRunner tmux = new TmuxRunner(new TmuxConfig(fakeTmux.toString(), "", 1000), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> tmux.run("list-panes", "-a"))
                    .isInstanceOf(TmuxException.class).hasMessageContaining("did not answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void run_missingBinary_saysToCheckTmuxBin() {
        try (TmuxRunner tmux = new TmuxRunner(new TmuxConfig(dir.resolve("no-tmux").toString(), "", 1000))) {
            assertThatThrownBy(() -> tmux.run("-V"))
                    .isInstanceOf(TmuxException.class).hasMessageContaining("tmux.bin");
        }
    }
}
