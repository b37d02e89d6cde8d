package dev.agentcommander.agentd.testing.realclients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An isolated home for the real Claude Code (REAL-CLIENTS.md): {@code HOME} and {@code CLAUDE_CONFIG_DIR} in a temp
 * dir, a {@code .claude.json} that skips onboarding, approves the dummy API key and trusts the project dirs, and the
 * environment that keeps it offline and quiet, pointed at a {@link ScriptedModelServer}.
 */
public final class ClaudeHome {
    /** A dummy key; Claude Code remembers approval of its last 20 characters. */
    public static final String API_KEY = "sk-ant-api03-agent-commander-test-key-0123456789abcdef";

    private final Path home;
    private final Path configDir;

    private ClaudeHome(Path home) {
        this.home = home;
        this.configDir = home.resolve(".claude");
    }

    /** Creates the home under {@code dir}, trusting {@code projects} (absolute paths where claude will run). */
    public static ClaudeHome create(Path dir, Path... projects) {
        ClaudeHome claude = new ClaudeHome(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode().put("hasCompletedOnboarding", true)
                .put("lastOnboardingVersion", "2.1.330").put("numStartups", 1);
        ObjectNode keys = state.putObject("customApiKeyResponses");
        keys.putArray("approved").add(API_KEY.substring(API_KEY.length() - 20));
        keys.putArray("rejected");
        ObjectNode trusted = state.putObject("projects");
        for (Path project : projects) {
            trusted.putObject(project.toAbsolutePath().toString()).put("hasTrustDialogAccepted", true)
                    .put("hasCompletedProjectOnboarding", true);
        }
        try {
            Files.createDirectories(claude.configDir);
            Files.writeString(claude.configDir.resolve(".claude.json"), json.writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return claude;
    }

    /** {@code CLAUDE_CONFIG_DIR}: {@code settings.json} here holds user-level hooks. */
    public Path configDir() {
        return configDir;
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** The environment for a claude process talking to the model server on {@code modelPort}. */
    public Map<String, String> env(int modelPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", configDir.toString());
        env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + modelPort);
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1");
        env.put("CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL", "1");
        env.put("TERM", "xterm-256color");
        return env;
    }
}
