package dev.agentcommander.agentd.config;

/** The tmux binary, its server socket ({@code ""} = the user's default server) and the discovery poll interval. */
public record TmuxConfig(String bin, String socket, int pollIntervalMs) {
    public static final String DEFAULT_BIN = "tmux";
    public static final int DEFAULT_POLL_INTERVAL_MS = 1000;

    public TmuxConfig {
        if (bin == null || bin.isBlank()) {
            throw new ConfigException("tmux.bin", "must name the tmux binary (a path or a name on PATH)");
        }
        socket = socket == null ? "" : socket;
        if (pollIntervalMs < 100) {
            throw new ConfigException("tmux.poll_interval_ms", "must be >= 100, was " + pollIntervalMs);
        }
    }

    public boolean defaultServer() {
        return socket.isEmpty();
    }
}
