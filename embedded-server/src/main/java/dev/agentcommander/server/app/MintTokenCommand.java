package dev.agentcommander.server.app;

import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.cluster.SharedSecret;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.db.DatabaseUrl;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mint-token --role admin --email you@example.com [--ttl 5m]}: prints a JWT signed with {@code JWT_SECRET}
 * (in team mode without it: with the secret the nodes share in the database).
 */
@Command(name = "mint-token", mixinStandardHelpOptions = true,
        description = "Prints a user token signed with JWT_SECRET, for bootstrap and scripts.")
final class MintTokenCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--role", required = true, description = "admin, operator or viewer")
    String role;

    @Option(names = "--email", required = true, description = "the user's email (also the token's sub)")
    String email;

    @Option(names = "--ttl", defaultValue = "5m", description = "lifetime: 30s, 5m, 12h, 7d or ISO-8601 (PT5M); default ${DEFAULT-VALUE}")
    String ttl;

    MintTokenCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Role parsedRole;
        Duration parsedTtl;
        try {
            parsedRole = Role.fromWire(role.toLowerCase(Locale.ROOT));
            parsedTtl = parseTtl(ttl);
        } catch (IllegalArgumentException e) {
            err.println("mint-token: " + e.getMessage());
            return ServerMain.EXIT_CONFIG;
        }
        UserTokens tokens;
        try {
            tokens = new UserTokens(secret(), Clock.systemUTC());
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mint-token: " + e.getMessage());
            return ServerMain.EXIT_CONFIG;
        }
        out.println(tokens.mint(parsedRole, email, parsedTtl));
        return 0;
    }

    /** JWT_SECRET; without it, in team mode (DATABASE_URL on PostgreSQL), the secret the nodes share. */
    private String secret() {
        ServerConfig config = ServerConfig.fromEnv(env);
        if (config.jwtSecret() != null || !SigningSecret.shared(config)) {
            return config.jwtSecret();
        }
        try (Database database = Database.open(DatabaseUrl.parse(config.databaseUrl(), config.dataDir()))) {
            return SharedSecret.readOrCreate(database.jdbi());
        } catch (RuntimeException e) {
            throw new ConfigException("cannot read the shared JWT secret from the database: " + e.getMessage(), e);
        }
    }

    static Duration parseTtl(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (value.startsWith("p")) {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                duration = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new IllegalArgumentException("unit");
                };
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--ttl must look like 30s, 5m, 12h, 7d or PT5M, was '" + text + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--ttl must be positive, was '" + text + "'");
        }
        return duration;
    }
}
