package dev.agentcommander.agentd.config;

import java.util.Set;

/** How Claude Code permission requests are answered: {@code hook}, {@code keys} or {@code both}. */
public record ClaudeConfig(String approvalMode) {
    public static final Set<String> APPROVAL_MODES = Set.of("hook", "keys", "both");
    public static final String DEFAULT_APPROVAL_MODE = "both";

    public ClaudeConfig {
        if (approvalMode == null || !APPROVAL_MODES.contains(approvalMode)) {
            throw new ConfigException("providers.claude.approval_mode",
                    "must be one of hook, keys, both; was '" + approvalMode + "'");
        }
    }

    public static ClaudeConfig defaults() {
        return new ClaudeConfig(DEFAULT_APPROVAL_MODE);
    }
}
