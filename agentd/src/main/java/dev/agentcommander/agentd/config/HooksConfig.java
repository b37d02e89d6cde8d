package dev.agentcommander.agentd.config;

/**
 * Claude Code hook receiver: HTTP {@code listen} address ({@code host:port}, port 0 = pick one once and keep it),
 * the Unix {@code socket} for {@code agentd hook} ({@code ""} = {@code <state_dir>/hook.sock}) and how long a
 * permission request waits for a decision.
 */
public record HooksConfig(String listen, String socket, int permissionTimeoutS) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:0";
    public static final int DEFAULT_PERMISSION_TIMEOUT_S = 600;

    public HooksConfig {
        checkListen(listen);
        socket = socket == null ? "" : socket;
        if (permissionTimeoutS < 1) {
            throw new ConfigException("hooks.permission_timeout_s", "must be >= 1, was " + permissionTimeoutS);
        }
    }

    public static HooksConfig defaults() {
        return new HooksConfig(DEFAULT_LISTEN, "", DEFAULT_PERMISSION_TIMEOUT_S);
    }

    public String listenHost() {
        return listen.substring(0, listen.lastIndexOf(':'));
    }

    public int listenPort() {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private static void checkListen(String listen) {
        String key = "hooks.listen";
        if (listen == null || listen.isBlank()) {
            throw new ConfigException(key, "must be host:port, e.g. 127.0.0.1:0");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new ConfigException(key, "must be host:port, e.g. 127.0.0.1:0; was '" + listen + "'");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "port must be a number, was '" + listen.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "port must be 0..65535, was " + port);
        }
    }
}
