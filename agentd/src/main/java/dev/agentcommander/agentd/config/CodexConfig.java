package dev.agentcommander.agentd.config;

/** How to start Codex ({@code codex exec --json} for jobs). */
public record CodexConfig(String execPath) {
    public static final String DEFAULT_EXEC_PATH = "codex";

    public CodexConfig {
        if (execPath == null || execPath.isBlank()) {
            throw new ConfigException("providers.codex.exec_path", "must name the codex binary (a path or a name on PATH)");
        }
    }

    public static CodexConfig defaults() {
        return new CodexConfig(DEFAULT_EXEC_PATH);
    }
}
