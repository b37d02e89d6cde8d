package dev.agentcommander.agentd.doctor;

import dev.agentcommander.agentd.config.ProvidersConfig;
import java.nio.file.Path;
import java.util.List;

/** The codex and claude binaries named by {@code providers.*.exec_path} exist and are executable. Stateless. */
final class ProviderChecks {
    static final String CODEX = "codex";
    static final String CLAUDE = "claude";
    static final List<String> NAMES = List.of(CODEX, CLAUDE);

    private final List<Path> searchPath;

    ProviderChecks(List<Path> searchPath) {
        this.searchPath = searchPath;
    }

    List<CheckResult> run(ProvidersConfig providers) {
        return List.of(
                executable(CODEX, providers.codex().execPath(), "npm i -g @openai/codex", "providers.codex.exec_path"),
                executable(CLAUDE, providers.claude().execPath(), "npm i -g @anthropic-ai/claude-code",
                        "providers.claude.exec_path"));
    }

    private CheckResult executable(String name, String execPath, String install, String key) {
        return Executables.resolve(execPath, searchPath)
                .map(found -> CheckResult.ok(name, found.toString()))
                .orElseGet(() -> CheckResult.problem(name, Executables.lookedIn(execPath, searchPath),
                        "install it (" + install + ") or set " + key));
    }
}
