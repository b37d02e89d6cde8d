package dev.agentcommander.server.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the control plane.
 *
 * @param databaseUrl {@code jdbc:h2:...}, {@code jdbc:postgresql://...} or {@code postgres://user:pass@host:port/db};
 *     null = H2 file database under {@code dataDir}
 * @param jwtSecret HS256 signing secret of at least 32 bytes; null = on PostgreSQL (team mode) the secret all nodes
 *     share through the database, on H2 a random secret for this process only (solo mode, where the embedding app
 *     mints its own tokens)
 * @param host address to listen on ({@code 0.0.0.0} = all)
 * @param port port to listen on; 0 = a free one
 * @param dataDir where the default H2 database lives
 */
public record ServerConfig(String databaseUrl, String jwtSecret, String host, int port, Path dataDir) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("HOST must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("PORT must be 0-65535, was " + port);
        }
        if (databaseUrl == null && dataDir == null) {
            throw new ConfigException("a data directory is needed when no DATABASE_URL is given");
        }
    }

    /**
     * Reads {@code DATABASE_URL}, {@code JWT_SECRET}, {@code HOST} (default 0.0.0.0), {@code PORT} (default 8080);
     * the data dir is {@code $XDG_DATA_HOME/agent-commander} or {@code ~/.local/share/agent-commander}.
     */
    public static ServerConfig fromEnv(Map<String, String> env) {
        String port = blankToNull(env.get("PORT"));
        int portNumber;
        try {
            portNumber = port == null ? DEFAULT_PORT : Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("PORT must be a number 0-65535, was '" + port + "'");
        }
        String host = blankToNull(env.get("HOST"));
        return new ServerConfig(blankToNull(env.get("DATABASE_URL")), blankToNull(env.get("JWT_SECRET")),
                host == null ? DEFAULT_HOST : host.trim(), portNumber, defaultDataDir(env));
    }

    static Path defaultDataDir(Map<String, String> env) {
        String xdg = blankToNull(env.get("XDG_DATA_HOME"));
        if (xdg != null) {
            return Path.of(xdg, "agent-commander");
        }
        String home = blankToNull(env.get("HOME"));
        return Path.of(home != null ? home : System.getProperty("user.home"), ".local", "share", "agent-commander");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServerConfig[databaseUrl=" + (databaseUrl == null ? "(h2 in data dir)" : "(set)")
                + ", jwtSecret=" + (jwtSecret == null ? "(random)" : "(set)") + ", host=" + host + ", port=" + port
                + ", dataDir=" + dataDir + "]";
    }
}
