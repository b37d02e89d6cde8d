package dev.agentcommander.desktop.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the person typed into the spawn form, checked before anything is sent: the folder must be an absolute path
 * inside one of the host's allowed roots (agentd checks again, after resolving links), a job needs a prompt, and a
 * timeout is a whole number of seconds. {@link #body()} is the {@code spawn_session} / {@code spawn_job} command as
 * docs/protocol.md gives it, with the optional fields left out when empty. Immutable.
 */
public record SpawnForm(SpawnKind kind, String hostId, List<String> allowedRoots, String folder, String branch,
                        String base, Agent agent, String prompt, String timeoutSeconds) {
    public static final int MAX_TIMEOUT_S = 24 * 3600;

    /** The agent {@code spawn_session} starts in the new pane. */
    public enum Agent {
        CLAUDE("claude", "Claude Code"),
        CODEX("codex", "Codex"),
        NONE("none", "Just a shell");

        private final String wire;
        private final String label;

        Agent(String wire, String label) {
            this.wire = wire;
            this.label = label;
        }

        public String wire() {
            return wire;
        }

        public String label() {
            return label;
        }
    }

    public SpawnForm {
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
        agent = agent == null ? Agent.CLAUDE : agent;
    }

    /** One thing to fix; {@code missing} when a needed field is still empty rather than wrong. */
    public record Problem(String text, boolean missing) { }

    /** What must change before the form can be sent, in the order of the fields; empty when it is ready. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (hostId == null) {
            problems.add(new Problem("Choose a host", true));
        }
        String what = kind == SpawnKind.SESSION ? "The repository" : "The working folder";
        if (blank(folder)) {
            problems.add(new Problem(what + " is empty: give an absolute path", true));
        } else if (!isAbsolute(folder.strip())) {
            problems.add(new Problem(what + " must be an absolute path, like /home/you/project", false));
        } else if (!allowedRoots.isEmpty() && !insideAllowedRoot(folder.strip())) {
            problems.add(new Problem(what + " is outside this host's allowed roots (" + String.join(", ", allowedRoots)
                    + "); add it to workspaces.allowed_roots in the host's agentd config", false));
        }
        if (kind == SpawnKind.SESSION) {
            if (!blank(branch) && branch.strip().chars().anyMatch(c -> Character.isWhitespace(c) || c == '~'
                    || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' || c == '\\')) {
                problems.add(new Problem("The branch name cannot hold spaces or any of ~ ^ : ? * [ \\", false));
            }
        } else {
            if (blank(prompt)) {
                problems.add(new Problem("A Codex job needs a prompt: what should it do?", true));
            }
            if (!blank(timeoutSeconds) && timeout() == null) {
                problems.add(new Problem("The timeout is a whole number of seconds between 1 and " + MAX_TIMEOUT_S,
                        false));
            }
        }
        return problems;
    }

    /** The command to send; call only when {@link #problems()} is empty. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind == SpawnKind.SESSION) {
            body.put("type", "spawn_session");
            body.put("repo", folder.strip());
            putIfPresent(body, "branch", branch);
            putIfPresent(body, "base", base);
            body.put("agent", agent.wire());
            if (agent != Agent.NONE) {
                putIfPresent(body, "prompt", prompt);
            }
        } else {
            body.put("type", "spawn_job");
            body.put("cwd", folder.strip());
            body.put("prompt", prompt.strip());
            Integer timeout = timeout();
            if (timeout != null) {
                body.put("timeout_s", timeout);
            }
        }
        return body;
    }

    private Integer timeout() {
        if (blank(timeoutSeconds)) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(timeoutSeconds.strip());
            return seconds >= 1 && seconds <= MAX_TIMEOUT_S ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Lexically, as the form can know it; agentd decides with links resolved. */
    private boolean insideAllowedRoot(String path) {
        Path target = Path.of(path).normalize();
        return allowedRoots.stream().map(root -> Path.of(root).normalize()).anyMatch(target::startsWith);
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void putIfPresent(Map<String, Object> body, String field, String value) {
        if (!blank(value)) {
            body.put(field, value.strip());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
