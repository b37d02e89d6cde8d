package dev.agentcommander.agentd.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentdMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void version_printsAgentdAndTheBuildVersion() {
        assertThat(execute("--version")).isZero();
        assertThat(out.toString().strip()).matches("agentd \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void run_withABadConfig_exitsWithCode2AndNamesTheKey() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "control_plane: { urls: [\"ws://127.0.0.1:1/v1/agent/ws\"] }\ntmux: { poll_interval_ms: 5 }\n");

        assertThat(execute("run", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("agentd: config error: tmux.poll_interval_ms: must be >= 100, was 5");
    }

    @Test
    void run_withAnUnusableStateDir_exitsWithCode1AndSaysWhy() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                control_plane: { urls: ["ws://127.0.0.1:1/v1/agent/ws"] }
                storage: { state_dir: %s }
                """.formatted(notADir));

        assertThat(execute("run", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("agentd: storage.state_dir " + notADir);
    }

    @Test
    void noCommand_printsUsageAndExitsWithCode2() {
        assertThat(execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: agentd").contains("run");
    }

    private int execute(String... args) {
        CommandLine commandLine = AgentdMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
