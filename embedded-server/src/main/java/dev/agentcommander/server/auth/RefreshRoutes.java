package dev.agentcommander.server.auth;

import dev.agentcommander.schema.model.Role;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /v1/auth/refresh}: trades a valid user token for a fresh one with the same identity and role.
 * Thread-safe.
 */
public final class RefreshRoutes {
    /** How long a UI token lives (CONTRACT §2). */
    public static final Duration UI_TOKEN_TTL = Duration.ofMinutes(5);

    /** The answer: the new token, when it expires, and the role it carries. */
    public record Refreshed(String token, Instant expiresAt, Role role) {
    }

    private final UserTokens tokens;

    public RefreshRoutes(UserTokens tokens) {
        this.tokens = tokens;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/auth/refresh", ctx -> {
            Principal principal = AccessGuard.principal(ctx);
            String email = principal.email() != null ? principal.email() : principal.subject();
            String token = tokens.mint(principal.role(), email, UI_TOKEN_TTL);
            ctx.json(new Refreshed(token, tokens.verify(token).expiresAt(), principal.role()));
        }, Access.VIEWER);
    }
}
