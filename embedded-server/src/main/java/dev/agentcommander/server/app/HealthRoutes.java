package dev.agentcommander.server.app;

import dev.agentcommander.server.db.Database;
import io.javalin.config.RoutesConfig;
import java.time.Duration;

/** {@code GET /health}: public; 200 when the database answers within a second, 503 otherwise. */
final class HealthRoutes {
    /** Health probes have short timeouts of their own: a database that hangs is down. */
    static final Duration DATABASE_WAIT = Duration.ofSeconds(1);

    /** The answer: {@code status} is {@code ok} or {@code unavailable}. */
    record Health(String status, String version, String database) {
    }

    private HealthRoutes() {
    }

    static void register(RoutesConfig routes, Database database, String version) {
        routes.get("/health", ctx -> {
            boolean up = database.reachable(DATABASE_WAIT);
            ctx.status(up ? 200 : 503).json(new Health(up ? "ok" : "unavailable", version, database.engine().toString()));
        });
    }
}
