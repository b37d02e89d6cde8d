package dev.agentcommander.server.auth;

import dev.agentcommander.server.api.ForbiddenException;
import dev.agentcommander.server.api.UnauthorizedException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * Runs before every matched route: a route registered with an {@link Access} needs a bearer JWT whose role
 * reaches it (401 without a valid token, 403 with too small a role). Thread-safe.
 */
public final class AccessGuard implements Handler {
    private final UserTokens tokens;

    public AccessGuard(UserTokens tokens) {
        this.tokens = tokens;
    }

    /** The caller of a guarded route. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not guarded");
        }
        return principal;
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return trimmed.substring(7).trim();
    }

    @Override
    public void handle(Context ctx) {
        Access needed = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access access) {
                needed = access;
            }
        }
        if (needed == null) {
            return;
        }
        String token = bearer(ctx.header("Authorization"));
        if (token == null) {
            throw new UnauthorizedException("missing bearer token (Authorization: Bearer <jwt>)");
        }
        Principal principal = tokens.verify(token);
        if (!principal.has(needed.role())) {
            throw new ForbiddenException("role " + principal.role() + " may not do this; needs " + needed.role());
        }
        ctx.attribute(Principal.ATTRIBUTE, principal);
    }
}
