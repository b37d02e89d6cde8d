package dev.agentcommander.agentd.config;

import java.util.Set;

/**
 * Claude Code: how permission requests are answered ({@code hook}, {@code keys} or {@code both}) and the binary
 * {@code spawn_session} starts for {@code agent: claude}.
 */
public record ClaudeConfig(String approvalMode, String execPath) {
    public static final Set<String> APPROVAL_MODES = Set.of("hook", "keys", "both");
    public static final String DEFAULT_APPROVAL_MODE = "both";
    public static final String DEFAULT_EXEC_PATH = "claude";

    public ClaudeConfig {
        if (approvalMode == null || !APPROVAL_MODES.contains(approvalMode)) {
            throw new ConfigException("providers.claude.approval_mode",
                    "must be one of hook, keys, both; was '" + approvalMode + "'");
        }
        if (execPath == null || execPath.isBlank()) {
            throw new ConfigException("providers.claude.exec_path", "must name the claude binary (a path or a name on PATH)");
        }
    }

    public ClaudeConfig(String approvalMode) {
        this(approvalMode, DEFAULT_EXEC_PATH);
    }

    public static ClaudeConfig defaults() {
        return new ClaudeConfig(DEFAULT_APPROVAL_MODE);
    }
}
