package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent behind {@code node}, found in a process tree laid out like /proc (the real one: RealCodexScreenStatusTest). */
class PaneAgentsTest {
    @TempDir
    Path proc;

    @Test
    void npmCodex_isFoundBehindNode_asTheScriptOrItsNativeChild() throws IOException {
        process(100, "node\0/usr/lib/node_modules/@openai/codex/bin/codex.js\0--ask-for-approval\0on-request\0", 101);
        process(101, "/usr/lib/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex\0");
        process(200, "node\0/opt/tools/server.js\0", 201);
        process(201, "/usr/bin/node\0/opt/tools/worker.js\0", 202);
        process(202, "/usr/local/bin/codex-x86_64-unknown-linux-musl\0exec\0");
        process(300, "node\0/srv/app.js\0");
        process(400, "node\0/home/u/.npm/lib/node_modules/@anthropic-ai/claude-code/cli.js\0");

        PaneAgents agents = new PaneAgents(proc);

        assertThat(agents.resolve(pane(100, "node")).providerCommand()).isEqualTo("codex");
        assertThat(agents.agentBelow(200)).contains("codex");
        assertThat(agents.resolve(pane(300, "node")).agentCommand()).isEmpty();
        assertThat(agents.resolve(pane(300, "node")).providerCommand()).isEqualTo("node");
        assertThat(agents.resolve(pane(400, "node")).providerCommand()).isEqualTo("claude");
        assertThat(agents.resolve(pane(100, "bash")).agentCommand()).as("only runtimes are looked into").isEmpty();
        assertThat(agents.agentBelow(999)).as("a process that is gone").isEmpty();
        assertThat(ProcessSignal.of(agents.resolve(pane(100, "node"))).signal())
                .isEqualTo("pane_current_command=node running codex");
    }

    private void process(long pid, String cmdline, long... children) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("cmdline"), cmdline);
        StringBuilder list = new StringBuilder();
        for (long child : children) {
            list.append(child).append(' ');
        }
        Files.writeString(dir.resolve("children"), list.toString());
    }

    private static Pane pane(long pid, String command) {
        return new Pane("%1", pid, false, 0, "0", Instant.EPOCH, "", command, "main", "w", "t", "/");
    }
}
