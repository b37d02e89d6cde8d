package dev.agentcommander.agentd.testing.realclients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline harness works with the real CLIs: each reaches the scripted model server and runs its tool. */
class RealClientsFixtureTest {
    @TempDir
    Path dir;

    @Test
    void realClaudeAsksPermissionInItsPaneAndRunsTheScriptedTool() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path written = project.resolve("out.txt");
        String script = """
                {"anthropic": [
                  {"tool": "Bash", "input": {"command": "echo fixture-ok > %s", "description": "Write a file"}},
                  {"text": "All done here."}]}
                """.formatted(written);
        try (OfflineTmux tmux = OfflineTmux.start(dir, script)) {
            ClaudeHome home = ClaudeHome.create(dir.resolve("claude-home"), project);
            String pane = tmux.newWindow(project, home.env(tmux.modelPort()),
                    List.of(RealClients.claude().toString(), "--permission-mode", "default"));
            tmux.awaitScreen(pane, "? for shortcuts", Duration.ofSeconds(30));
            tmux.sendKeys(pane, "-l", "write the file");
            tmux.awaitScreen(pane, "write the file", Duration.ofSeconds(10));
            tmux.sendKeys(pane, "Enter");
            tmux.awaitScreen(pane, "Do you want to proceed?", Duration.ofSeconds(30));
            assertThat(written).doesNotExist();
            tmux.answerDialog(pane, "Enter"); // "1. Yes" is selected
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(written));
            assertThat(Files.readString(written)).isEqualTo("fixture-ok\n");
            tmux.awaitScreen(pane, "All done here.", Duration.ofSeconds(30));
            assertThat(tmux.requests()).extracting(r -> r.path("api").asText()).contains("anthropic");
        }
    }

    @Test
    void realCodexExecRunsTheScriptedCommandAndReportsJsonLines() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        String script = """
                {"openai": [{"exec": "echo hello-from-codex"}, {"text": "Finished."}]}
                """;
        try (OfflineTmux tmux = OfflineTmux.start(dir, script)) {
            CodexHome codex = CodexHome.create(dir.resolve("home/.codex"), tmux.modelPort());
            List<String> command = new ArrayList<>(List.of(RealClients.codex().toString(), "exec", "--json",
                    "--sandbox", "workspace-write", "--skip-git-repo-check", "say hello"));
            ProcessBuilder builder = new ProcessBuilder(tmux.inNamespace(command)).directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(codex.env());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> events = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("{")) {
                    events.add(json.readTree(line));
                }
            }
            assertThat(events).extracting(e -> e.path("type").asText()).contains("thread.started", "turn.completed");
            assertThat(events).anySatisfy(e -> assertThat(e.path("item").path("aggregated_output").asText())
                    .isEqualTo("hello-from-codex\n"));
        }
    }
}
