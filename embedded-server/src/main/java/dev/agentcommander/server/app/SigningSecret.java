package dev.agentcommander.server.app;

import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.auth.WeakSecretException;
import dev.agentcommander.server.cluster.SharedSecret;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.db.DatabaseEngine;
import dev.agentcommander.server.db.DatabaseUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** Chooses the JWT signing secret; the secret itself is never logged. */
final class SigningSecret {
    private SigningSecret() {
    }

    /**
     * JWT_SECRET when set (every node of a team must then be given the same one); else in team mode (PostgreSQL)
     * the secret all nodes share through {@code settings}; else (H2, one node) a random secret for this process.
     *
     * @throws ConfigException for a weak JWT_SECRET
     */
    /** Whether, without JWT_SECRET, the secret comes from the shared database (team mode, PostgreSQL). */
    static boolean shared(ServerConfig config) {
        return DatabaseUrl.parse(config.databaseUrl(), config.dataDir()).engine() == DatabaseEngine.POSTGRESQL;
    }

    static UserTokens userTokens(ServerConfig config, Database database, boolean team, Clock clock) {
        String secret = config.jwtSecret();
        if (secret == null && team) {
            secret = SharedSecret.readOrCreate(database.jdbi());
        }
        if (secret == null) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
        }
        try {
            return new UserTokens(secret, clock);
        } catch (WeakSecretException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
