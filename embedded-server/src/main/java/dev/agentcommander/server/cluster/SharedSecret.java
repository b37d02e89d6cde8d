package dev.agentcommander.server.cluster;

import java.security.SecureRandom;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * The JWT signing secret every node of a team shares when none is configured: the first node to start stores
 * a random one in {@code settings} (a racing second insert does nothing) and every node reads what won.
 * The value is never logged.
 */
public final class SharedSecret {
    static final String NAME = "jwt_secret";

    private SharedSecret() {
    }

    public static String readOrCreate(Jdbi jdbi) {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String candidate = Base64.getEncoder().encodeToString(random);
        return jdbi.inTransaction(handle -> {
            NodeDao dao = handle.attach(NodeDao.class);
            dao.insertSetting(NAME, candidate);
            return dao.setting(NAME).orElseThrow(() -> new IllegalStateException("settings row " + NAME + " vanished"));
        });
    }
}
