package dev.agentcommander.desktop.hosts;

import java.net.URI;
import java.util.Objects;

/**
 * What a person needs to start agentd for a new host, shown once: the token, a ready-to-paste
 * {@code config.yaml} with this control plane's agent WebSocket filled in, and the commands that save the token
 * beside it and start agentd. The config's relative paths ({@code host.token}, {@code state}) are read relative to
 * the config file, so everything lives in {@code ~/.config/agentd/} as the systemd unit of
 * {@code installers/agentd/} expects.
 */
public record AgentSetup(String hostName, String token, URI agentWsUrl) {
    static final String CONFIG_DIR = "~/.config/agentd";

    public AgentSetup {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(agentWsUrl, "agentWsUrl");
    }

    /** The agent socket of a control plane reached at {@code httpUrl} ({@code http→ws}, {@code https→wss}). */
    public static URI agentSocketOf(URI httpUrl) {
        String base = httpUrl.toString().replaceAll("/+$", "");
        if (base.startsWith("https://")) {
            return URI.create("wss://" + base.substring("https://".length()) + "/v1/agent/ws");
        }
        if (base.startsWith("http://")) {
            return URI.create("ws://" + base.substring("http://".length()) + "/v1/agent/ws");
        }
        throw new IllegalArgumentException("expected an http:// or https:// URL, got " + httpUrl);
    }

    /** {@code ~/.config/agentd/config.yaml} for this host. */
    public String configYaml() {
        return """
                # agentd for host "%s": save as %s/config.yaml
                control_plane:
                  urls: ["%s"]
                  token_file: host.token   # relative paths are relative to this file
                tmux:
                  socket: ""               # "" = your default tmux server; or /tmp/tmux-<uid>/<name>
                storage:
                  state_dir: state
                """.formatted(hostName.replace("\"", "'"), CONFIG_DIR, agentWsUrl);
    }

    /** Saves the token beside the config (mode 600), then starts agentd as the user whose tmux it watches. */
    public String commands() {
        return """
                mkdir -p %1$s && (umask 077 && printf '%%s\\n' '%2$s' > %1$s/host.token)
                java -jar agentd/target/agentd.jar run --config %1$s/config.yaml
                """.formatted(CONFIG_DIR, token);
    }

    /** True when the URL names this machine only: an agentd elsewhere cannot reach it. */
    public boolean loopbackOnly() {
        String host = agentWsUrl.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"));
    }
}
