package dev.agentcommander.agentd.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the agent behind a JavaScript runtime. The npm {@code codex} is a {@code node} script that starts the native
 * binary, so tmux's {@code pane_current_command} says {@code node}; this looks at the pane's process and its
 * descendants ({@code /proc/<pid>/cmdline}, children from {@code /proc/<pid>/task/<tid>/children}) for
 * {@code codex} or Claude Code. Only panes whose foreground command is a runtime are looked at, at most
 * {@link #MAX_PROCESSES} processes each, so idle shells cost nothing. Stateless.
 */
final class PaneAgents {
    static final Set<String> RUNTIMES = Set.of("node", "nodejs", "bun", "deno");
    static final int MAX_PROCESSES = 64;

    private final Path proc;

    PaneAgents() {
        this(Path.of("/proc"));
    }

    PaneAgents(Path proc) {
        this.proc = proc;
    }

    /** The pane with its {@code agentCommand} set when a runtime in it runs codex or claude. */
    Pane resolve(Pane pane) {
        if (pane.dead() || !RUNTIMES.contains(pane.currentCommand()) || pane.panePid() <= 0) {
            return pane;
        }
        return agentBelow(pane.panePid()).map(pane::withAgentCommand).orElse(pane);
    }

    Optional<String> agentBelow(long rootPid) {
        Deque<Long> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        queue.add(rootPid);
        while (!queue.isEmpty() && seen.size() < MAX_PROCESSES) {
            long pid = queue.poll();
            if (!seen.add(pid)) {
                continue;
            }
            Optional<String> agent = agentIn(cmdline(pid));
            if (agent.isPresent()) {
                return agent;
            }
            children(pid, queue);
        }
        return Optional.empty();
    }

    /** {@code codex} or {@code claude} when an argument of the command line names one, by its file name. */
    static Optional<String> agentIn(String[] argv) {
        for (String arg : argv) {
            String name = arg.substring(arg.lastIndexOf('/') + 1);
            if (name.equals("codex") || name.equals("codex.js") || name.startsWith("codex-")) {
                return Optional.of("codex");
            }
            if (name.equals("claude") || arg.contains("/@anthropic-ai/claude-code/")) {
                return Optional.of("claude");
            }
        }
        return Optional.empty();
    }

    private String[] cmdline(long pid) {
        try {
            String raw = new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8);
            return raw.isEmpty() ? new String[0] : raw.split("\0");
        } catch (IOException e) {
            return new String[0]; // gone meanwhile, or not ours to read
        }
    }

    private void children(long pid, Deque<Long> queue) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                String children = Files.readString(task.resolve("children"), StandardCharsets.UTF_8).strip();
                if (!children.isEmpty()) {
                    for (String child : children.split(" ")) {
                        queue.add(Long.parseLong(child));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile, or a kernel without /proc/<pid>/task/<tid>/children: only the pane's own process counts
        }
    }
}
