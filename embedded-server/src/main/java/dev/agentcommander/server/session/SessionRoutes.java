package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Function;

/** {@code GET /v1/sessions?host_id=&status=&provider=&needs_attention=&q=}. Stateless, thread-safe. */
public final class SessionRoutes {
    private final Sessions sessions;

    public SessionRoutes(Sessions sessions) {
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions", ctx -> ctx.json(Page.of(sessions.list(filter(ctx)))), Access.VIEWER);
    }

    static SessionFilter filter(Context ctx) {
        return new SessionFilter(
                blankToNull(ctx.queryParam("host_id")),
                parse(ctx, "status", SessionStatus::fromWire),
                parse(ctx, "provider", Provider::fromWire),
                parse(ctx, "needs_attention", SessionRoutes::bool),
                blankToNull(ctx.queryParam("q")));
    }

    private static <T> T parse(Context ctx, String name, Function<String, T> parser) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(name, e.getMessage());
        }
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false, was '" + value + "'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
