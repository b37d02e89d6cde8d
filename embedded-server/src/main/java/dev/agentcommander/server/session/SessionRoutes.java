package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.api.Cursor;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Function;

/** {@code GET /v1/sessions?host_id=&status=&provider=&needs_attention=&q=} and {@code GET /v1/sessions/{id}}. Thread-safe. */
public final class SessionRoutes {
    /** Paging is opt-in: without {@code limit} or {@code after} every matching row comes in one page. */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final Sessions sessions;

    public SessionRoutes(Sessions sessions) {
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions", ctx -> {
            String after = blankToNull(ctx.queryParam("after"));
            String limit = blankToNull(ctx.queryParam("limit"));
            if (after == null && limit == null) {
                ctx.json(Page.of(sessions.list(filter(ctx))));
                return;
            }
            Cursor cursor = after == null ? null : Cursor.decode(after, "after");
            if (cursor != null && cursor.at() == null) {
                throw new BadRequestException("after", "not a cursor this server handed out");
            }
            ctx.json(sessions.page(filter(ctx), cursor, Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
        }, Access.VIEWER);
        routes.get("/v1/sessions/{session_id}", ctx -> ctx.json(sessions.require(ctx.pathParam("session_id"))),
                Access.VIEWER);
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
