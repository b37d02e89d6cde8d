package dev.agentcommander.server.app;

import dev.agentcommander.server.db.Database;
import io.javalin.config.RoutesConfig;

/** {@code GET /health}: public; 200 when the database answers, 503 otherwise. */
final class HealthRoutes {
    /** The answer: {@code status} is {@code ok} or {@code unavailable}. */
    record Health(String status, String version, String database) {
    }

    private HealthRoutes() {
    }

    static void register(RoutesConfig routes, Database database, String version) {
        routes.get("/health", ctx -> {
            boolean up = database.reachable();
            ctx.status(up ? 200 : 503).json(new Health(up ? "ok" : "unavailable", version, database.engine().toString()));
        });
    }
}
