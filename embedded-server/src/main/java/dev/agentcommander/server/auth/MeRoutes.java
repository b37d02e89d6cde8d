package dev.agentcommander.server.auth;

import dev.agentcommander.schema.model.Role;
import io.javalin.config.RoutesConfig;

/** {@code GET /v1/me}: who the caller is, as the token says. */
public final class MeRoutes {
    /** The answer: the token's {@code sub}, {@code email} and {@code role}. */
    public record Me(String sub, String email, Role role) {
    }

    private MeRoutes() {
    }

    public static void register(RoutesConfig routes) {
        routes.get("/v1/me", ctx -> {
            Principal principal = AccessGuard.principal(ctx);
            ctx.json(new Me(principal.subject(), principal.email(), principal.role()));
        }, Access.VIEWER);
    }
}
