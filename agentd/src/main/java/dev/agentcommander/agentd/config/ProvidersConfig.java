package dev.agentcommander.agentd.config;

/** Settings per agent provider. */
public record ProvidersConfig(CodexConfig codex, ClaudeConfig claude) {
    public ProvidersConfig {
        codex = codex == null ? CodexConfig.defaults() : codex;
        claude = claude == null ? ClaudeConfig.defaults() : claude;
    }

    public static ProvidersConfig defaults() {
        return new ProvidersConfig(CodexConfig.defaults(), ClaudeConfig.defaults());
    }
}
