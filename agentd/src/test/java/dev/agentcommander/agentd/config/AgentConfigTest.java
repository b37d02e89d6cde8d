package dev.agentcommander.agentd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_fullContractExample_readsEveryKey() throws IOException {
        AgentConfig config = load("""
                control_plane:
                  urls: ["wss://cp.example.com/v1/agent/ws", "ws://backup:8080/v1/agent/ws"]
                  token_file: /etc/agentd/host.token
                tmux:
                  bin: /usr/bin/tmux
                  socket: "/tmp/tmux-1000/work"
                  poll_interval_ms: 250
                storage:
                  state_dir: /var/lib/agentd
                providers:
                  codex: { exec_path: /opt/codex }
                  claude: { approval_mode: hook }
                hooks:
                  listen: 127.0.0.1:7777
                  socket: ""
                  permission_timeout_s: 30
                git:
                  metadata_ttl_ms: 100
                """);

        assertThat(config.controlPlane().urls()).containsExactly("wss://cp.example.com/v1/agent/ws",
                "ws://backup:8080/v1/agent/ws");
        assertThat(config.controlPlane().tokenFile()).isEqualTo(Path.of("/etc/agentd/host.token"));
        assertThat(config.tmux()).isEqualTo(new TmuxConfig("/usr/bin/tmux", "/tmp/tmux-1000/work", 250));
        assertThat(config.storage().stateDir()).isEqualTo(Path.of("/var/lib/agentd"));
        assertThat(config.providers()).isEqualTo(new ProvidersConfig(new CodexConfig("/opt/codex"), new ClaudeConfig("hook")));
        assertThat(config.hooks()).isEqualTo(new HooksConfig("127.0.0.1:7777", "", 30));
        assertThat(config.hooks().listenPort()).isEqualTo(7777);
        assertThat(config.git().metadataTtlMs()).isEqualTo(100);
    }

    @Test
    void load_onlyUrls_appliesContractDefaults() throws IOException {
        AgentConfig config = load("control_plane:\n  urls: [\"ws://127.0.0.1:8080/v1/agent/ws\"]\n");

        assertThat(config.controlPlane().tokenFile()).isEqualTo(Path.of("/etc/agentd/host.token"));
        assertThat(config.controlPlane().ackTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.tmux()).isEqualTo(new TmuxConfig("tmux", "", 1000));
        assertThat(config.tmux().defaultServer()).isTrue();
        assertThat(config.storage().stateDir()).isEqualTo(Path.of("/var/lib/agentd"));
        assertThat(config.providers()).isEqualTo(ProvidersConfig.defaults());
        assertThat(config.providers().claude().approvalMode()).isEqualTo("both");
        assertThat(config.hooks()).isEqualTo(new HooksConfig("127.0.0.1:0", "", 600));
        assertThat(config.git()).isEqualTo(new GitConfig(5000));
    }

    @Test
    void load_relativePaths_resolveAgainstTheConfigFilesDirectory() throws IOException {
        AgentConfig config = load("""
                control_plane: { urls: ["ws://h/v1/agent/ws"], token_file: host.token }
                storage: { state_dir: ./state }
                """);

        assertThat(config.controlPlane().tokenFile()).isEqualTo(dir.resolve("host.token"));
        assertThat(config.storage().stateDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void load_ackTimeout_isReadInSeconds() throws IOException {
        AgentConfig config = load("control_plane: { urls: [\"ws://h/v1/agent/ws\"], ack_timeout_s: 45 }\n");

        assertThat(config.controlPlane().ackTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void load_unknownKey_failsNamingTheKey() {
        assertThatThrownBy(() -> load("control_plane: { urls: [\"ws://h/x\"] }\ntmux:\n  poll_interval: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tmux.poll_interval: unknown key")
                .hasMessageContaining("poll_interval_ms");
        assertThatThrownBy(() -> load("control_plane: { urls: [\"ws://h/x\"] }\nstorge: {}\n"))
                .hasMessageStartingWith("storge: unknown key");
    }

    @Test
    void load_badValues_failNamingTheKeyAndTheProblem() {
        String urls = "control_plane: { urls: [\"ws://h/x\"] }\n";
        assertThatThrownBy(() -> load(urls + "tmux: { poll_interval_ms: 5 }"))
                .hasMessage("tmux.poll_interval_ms: must be >= 100, was 5");
        assertThatThrownBy(() -> load(urls + "tmux: { poll_interval_ms: fast }"))
                .hasMessage("tmux.poll_interval_ms: must be an integer, was the string 'fast'");
        assertThatThrownBy(() -> load(urls + "providers: { claude: { approval_mode: maybe } }"))
                .hasMessage("providers.claude.approval_mode: must be one of hook, keys, both; was 'maybe'");
        assertThatThrownBy(() -> load(urls + "hooks: { listen: localhost }"))
                .hasMessageStartingWith("hooks.listen: must be host:port");
        assertThatThrownBy(() -> load("control_plane: { urls: [\"ws://h/x\"], ack_timeout_s: 0 }"))
                .hasMessage("control_plane.ack_timeout_s: must be >= 1, was 0");
        assertThatThrownBy(() -> load(urls + "git: { metadata_ttl_ms: -1 }"))
                .hasMessage("git.metadata_ttl_ms: must be >= 0, was -1");
        assertThatThrownBy(() -> load("control_plane: { urls: [\"http://h/x\"] }"))
                .hasMessage("control_plane.urls[0]: must start with ws:// or wss://, was 'http://h/x'");
        assertThatThrownBy(() -> load("control_plane: { urls: \"ws://h/x\" }"))
                .hasMessageStartingWith("control_plane.urls: must be a list of strings");
        assertThatThrownBy(() -> load("tmux: {}"))
                .hasMessageStartingWith("control_plane.urls: at least one ws:// or wss:// URL is required");
        assertThatThrownBy(() -> load(urls + "tmux: [1, 2]"))
                .hasMessageStartingWith("tmux: must be a mapping");
    }

    @Test
    void workspaces_withMoreRootsThanAHelloCarries_failNamingTheKey() {
        List<Path> roots = java.util.stream.IntStream.rangeClosed(0, 64).mapToObj(i -> Path.of("/r" + i)).toList();

        assertThatThrownBy(() -> new WorkspacesConfig(roots, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("workspaces.allowed_roots").hasMessageContaining("at most 64 roots");
    }

    @Test
    void load_missingOrBrokenFile_saysWhich() {
        assertThatThrownBy(() -> AgentConfig.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml does not exist");
        assertThatThrownBy(() -> load("control_plane: [unclosed"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid YAML");
    }

    @Test
    void readToken_trimsWhitespace_andExplainsMissingOrEmptyFiles() throws IOException {
        Path token = dir.resolve("host.token");
        ControlPlaneConfig config = new ControlPlaneConfig(List.of("ws://127.0.0.1:1/v1/agent/ws"), token);

        assertThatThrownBy(config::readToken).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("control_plane.token_file: host token file " + token + " does not exist");
        Files.writeString(token, "  \n");
        assertThatThrownBy(config::readToken).hasMessageContaining("is empty");
        Files.writeString(token, "ach_abc_secret\n");
        assertThat(config.readToken()).isEqualTo("ach_abc_secret");
    }

    @Test
    void forLocal_usesDefaultsForEverythingElse() {
        AgentConfig config = AgentConfig.forLocal(List.of("ws://127.0.0.1:4567/v1/agent/ws"), dir.resolve("t"), "",
                dir.resolve("state"));

        assertThat(config.tmux().defaultServer()).isTrue();
        assertThat(config.tmux().pollIntervalMs()).isEqualTo(1000);
        assertThat(config.storage().stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.hooks().listen()).isEqualTo("127.0.0.1:0");
    }

    private AgentConfig load(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return AgentConfig.load(file);
    }
}
