package dev.agentcommander.agentd.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.hooks.HookInstaller;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InstallHooksCommandTest {
    private static final String USER_SETTINGS = """
            {
              "model": "opus",
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "/home/ann/bin/audit.sh"}]}
                ],
                "SessionStart": [{"hooks": [{"type": "command", "command": "echo hi"}]}]
              }
            }
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final WireCodec codec = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void installHooks_twice_addsOneCopyOfOurs_keepsTheUsersHooks_andBacksUpTheFileFirst() throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.json"), USER_SETTINGS);
        Path stateDir = dir.resolve("state");

        assertThat(execute("install-hooks", "--settings", settings.toString(), "--state-dir", stateDir.toString()))
                .isZero();
        String afterFirst = Files.readString(settings);
        assertThat(execute("install-hooks", "--settings", settings.toString(), "--state-dir", stateDir.toString()))
                .isZero();

        assertThat(Files.readString(settings)).isEqualTo(afterFirst);
        assertThat(out.toString()).contains("nothing changed");
        List<Path> backups;
        try (var files = Files.list(dir)) {
            backups = files.filter(f -> f.getFileName().toString().startsWith("settings.json.agentd-backup-")).toList();
        }
        assertThat(backups).singleElement().satisfies(backup ->
                assertThat(Files.readString(backup)).isEqualTo(USER_SETTINGS));

        JsonNode root = codec.mapper().readTree(afterFirst);
        JsonNode endpoint = codec.mapper().readTree(stateDir.resolve("hooks.json").toFile());
        String url = endpoint.get("url").textValue();
        assertThat(root.get("model").textValue()).isEqualTo("opus");
        assertThat(root.at("/hooks/SessionStart/0/hooks/0/command").textValue()).isEqualTo("echo hi");
        assertThat(root.at("/hooks/PreToolUse")).hasSize(2);
        assertThat(root.at("/hooks/PreToolUse/0/hooks/0/command").textValue()).isEqualTo("/home/ann/bin/audit.sh");
        for (String event : HookInstaller.EVENTS) {
            List<JsonNode> ours = new java.util.ArrayList<>();
            root.at("/hooks/" + event).forEach(group -> group.get("hooks").forEach(hook -> {
                if (hook.path("url").asText().startsWith(url)) {
                    ours.add(hook);
                }
            }));
            assertThat(ours).as(event).singleElement().satisfies(hook -> {
                assertThat(hook.get("type").textValue()).isEqualTo("http");
                assertThat(hook.get("url").textValue()).isEqualTo(url + "/hooks/" + event);
                assertThat(hook.at("/headers/X-Tmux-Pane").textValue()).isEqualTo("$TMUX_PANE");
                assertThat(hook.at("/headers/Authorization").textValue())
                        .isEqualTo("Bearer " + endpoint.get("secret").textValue());
                assertThat(hook.get("allowedEnvVars")).hasSize(1);
                assertThat(hook.get("timeout").intValue()).isEqualTo(event.equals("PermissionRequest") ? 600 : 10);
            });
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("hooks.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void installHooks_withoutASettingsFile_createsIt() throws IOException {
        Path settings = dir.resolve("home/.claude/settings.json");

        assertThat(execute("install-hooks", "--settings", settings.toString(), "--state-dir",
                dir.resolve("state").toString())).isZero();

        assertThat(codec.mapper().readTree(settings.toFile()).at("/hooks/PermissionRequest/0/hooks/0/type").textValue())
                .isEqualTo("http");
    }

    @Test
    void installHooks_onAFileThatIsNotJsonObject_refusesAndLeavesItAlone() throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.json"), "[1, 2]");

        assertThat(execute("install-hooks", "--settings", settings.toString(), "--state-dir",
                dir.resolve("state").toString())).isEqualTo(1);

        assertThat(err.toString()).contains("does not hold a JSON object");
        assertThat(Files.readString(settings)).isEqualTo("[1, 2]");
    }

    private int execute(String... args) {
        CommandLine commandLine = AgentdMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
