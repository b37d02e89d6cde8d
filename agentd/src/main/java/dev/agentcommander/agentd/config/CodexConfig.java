package dev.agentcommander.agentd.config;

/** How to start Codex ({@code codex exec --json} for jobs), and the deadline of a job that names none. */
public record CodexConfig(String execPath, int defaultTimeoutS) {
    public static final String DEFAULT_EXEC_PATH = "codex";
    public static final int DEFAULT_TIMEOUT_S = 1800;

    public CodexConfig {
        if (execPath == null || execPath.isBlank()) {
            throw new ConfigException("providers.codex.exec_path", "must name the codex binary (a path or a name on PATH)");
        }
        if (defaultTimeoutS < 1) {
            throw new ConfigException("providers.codex.default_timeout_s", "must be >= 1, was " + defaultTimeoutS);
        }
    }

    public CodexConfig(String execPath) {
        this(execPath, DEFAULT_TIMEOUT_S);
    }

    public static CodexConfig defaults() {
        return new CodexConfig(DEFAULT_EXEC_PATH);
    }
}
