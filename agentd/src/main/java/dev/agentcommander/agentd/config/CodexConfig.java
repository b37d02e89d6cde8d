package dev.agentcommander.agentd.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start Codex ({@code codex exec --json} for jobs): the binary, the directories a job may run in (a job's cwd
 * must be inside one of them), and the deadline of a job that names none.
 */
public record CodexConfig(String execPath, List<Path> allowedRoots, int defaultTimeoutS) {
    public static final String DEFAULT_EXEC_PATH = "codex";
    public static final int DEFAULT_TIMEOUT_S = 1800;

    public CodexConfig {
        if (execPath == null || execPath.isBlank()) {
            throw new ConfigException("providers.codex.exec_path", "must name the codex binary (a path or a name on PATH)");
        }
        allowedRoots = allowedRoots == null || allowedRoots.isEmpty() ? defaultRoots() : List.copyOf(allowedRoots);
        for (Path root : allowedRoots) {
            if (!root.isAbsolute()) {
                throw new ConfigException("providers.codex.allowed_roots", "must be absolute paths, was '" + root + "'");
            }
        }
        if (defaultTimeoutS < 1) {
            throw new ConfigException("providers.codex.default_timeout_s", "must be >= 1, was " + defaultTimeoutS);
        }
    }

    public CodexConfig(String execPath) {
        this(execPath, null, DEFAULT_TIMEOUT_S);
    }

    public static CodexConfig defaults() {
        return new CodexConfig(DEFAULT_EXEC_PATH);
    }

    /** The user's home: jobs run in the user's own projects unless configured otherwise. */
    static List<Path> defaultRoots() {
        return List.of(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
    }
}
