package dev.agentcommander.agentd.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The whole agentd configuration (CONTRACT §7): {@code /etc/agentd/config.yaml}, snake_case keys. */
public record AgentConfig(ControlPlaneConfig controlPlane, TmuxConfig tmux, StorageConfig storage,
                          ProvidersConfig providers, HooksConfig hooks, GitConfig git, WorkspacesConfig workspaces) {
    public static final Path DEFAULT_TOKEN_FILE = Path.of("/etc/agentd/host.token");

    public AgentConfig {
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(tmux, "tmux");
        Objects.requireNonNull(storage, "storage");
        providers = providers == null ? ProvidersConfig.defaults() : providers;
        hooks = hooks == null ? HooksConfig.defaults() : hooks;
        git = git == null ? GitConfig.defaults() : git;
        workspaces = workspaces == null ? WorkspacesConfig.defaults() : workspaces;
    }

    /** With the default workspaces (the user's home; worktrees under the state dir). */
    public AgentConfig(ControlPlaneConfig controlPlane, TmuxConfig tmux, StorageConfig storage,
                       ProvidersConfig providers, HooksConfig hooks, GitConfig git) {
        this(controlPlane, tmux, storage, providers, hooks, git, WorkspacesConfig.defaults());
    }

    /**
     * Reads a YAML config file. Missing keys take the defaults of CONTRACT §7 ({@code control_plane.urls} has none);
     * unknown keys and bad values fail with the key named. Relative paths are relative to the file's directory.
     */
    public static AgentConfig load(Path yamlFile) throws ConfigException {
        String text;
        try {
            text = Files.readString(yamlFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("$", "config file " + yamlFile + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("$", "cannot read config file " + yamlFile + ": " + e, e);
        }
        JsonNode root;
        try {
            root = text.isBlank() ? null : new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("$", "config file " + yamlFile + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        Path baseDir = yamlFile.toAbsolutePath().getParent();
        return read(new ConfigSection(root, "", baseDir, "control_plane", "tmux", "storage", "providers", "hooks", "git",
                "workspaces"));
    }

    /** Defaults for everything else; used by the desktop's embedded agentd. tmuxSocket "" = default server. */
    public static AgentConfig forLocal(List<String> controlPlaneUrls, Path tokenFile, String tmuxSocket, Path stateDir) {
        return new AgentConfig(
                new ControlPlaneConfig(controlPlaneUrls, tokenFile),
                new TmuxConfig(TmuxConfig.DEFAULT_BIN, tmuxSocket, TmuxConfig.DEFAULT_POLL_INTERVAL_MS),
                new StorageConfig(stateDir),
                ProvidersConfig.defaults(),
                HooksConfig.defaults(),
                GitConfig.defaults());
    }

    private static AgentConfig read(ConfigSection root) {
        ConfigSection cp = root.section("control_plane", "urls", "token_file", "ack_timeout_s");
        ControlPlaneConfig controlPlane = new ControlPlaneConfig(
                cp.strings("urls", List.of()), cp.path("token_file", DEFAULT_TOKEN_FILE),
                Duration.ofSeconds(cp.integer("ack_timeout_s", ControlPlaneConfig.DEFAULT_ACK_TIMEOUT_S)));

        ConfigSection tmuxSection = root.section("tmux", "bin", "socket", "poll_interval_ms");
        TmuxConfig tmux = new TmuxConfig(
                tmuxSection.string("bin", TmuxConfig.DEFAULT_BIN),
                tmuxSection.string("socket", ""),
                tmuxSection.integer("poll_interval_ms", TmuxConfig.DEFAULT_POLL_INTERVAL_MS));

        ConfigSection storageSection = root.section("storage", "state_dir");
        StorageConfig storage = new StorageConfig(storageSection.path("state_dir", StorageConfig.DEFAULT_STATE_DIR));

        ConfigSection providersSection = root.section("providers", "codex", "claude");
        ConfigSection codexSection = providersSection.section("codex", "exec_path", "default_timeout_s");
        CodexConfig codex = new CodexConfig(codexSection.string("exec_path", CodexConfig.DEFAULT_EXEC_PATH),
                codexSection.integer("default_timeout_s", CodexConfig.DEFAULT_TIMEOUT_S));
        ConfigSection claudeSection = providersSection.section("claude", "approval_mode", "exec_path");
        ClaudeConfig claude = new ClaudeConfig(claudeSection.string("approval_mode", ClaudeConfig.DEFAULT_APPROVAL_MODE),
                claudeSection.string("exec_path", ClaudeConfig.DEFAULT_EXEC_PATH));

        ConfigSection hooksSection = root.section("hooks", "listen", "socket", "permission_timeout_s");
        HooksConfig hooks = new HooksConfig(
                hooksSection.string("listen", HooksConfig.DEFAULT_LISTEN),
                hooksSection.string("socket", ""),
                hooksSection.integer("permission_timeout_s", HooksConfig.DEFAULT_PERMISSION_TIMEOUT_S));

        ConfigSection gitSection = root.section("git", "metadata_ttl_ms");
        GitConfig git = new GitConfig(gitSection.longValue("metadata_ttl_ms", GitConfig.DEFAULT_METADATA_TTL_MS));

        ConfigSection workspacesSection = root.section("workspaces", "allowed_roots", "worktree_root");
        WorkspacesConfig workspaces = new WorkspacesConfig(
                workspacesSection.strings("allowed_roots", List.of()).stream().map(Path::of).toList(),
                workspacesSection.path("worktree_root", null));

        return new AgentConfig(controlPlane, tmux, storage, new ProvidersConfig(codex, claude), hooks, git,
                workspaces);
    }
}
