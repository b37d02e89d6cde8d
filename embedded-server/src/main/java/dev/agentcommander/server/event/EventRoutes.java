package dev.agentcommander.server.event;

import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.session.Sessions;
import io.javalin.config.RoutesConfig;

/** {@code GET /v1/sessions/{session_id}/events?after=&limit=}: oldest first, paged by event_id. Thread-safe. */
public final class EventRoutes {
    private final Events events;
    private final Sessions sessions;

    public EventRoutes(Events events, Sessions sessions) {
        this.events = events;
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions/{session_id}/events", ctx -> {
            String sessionId = ctx.pathParam("session_id");
            long after = number(ctx.queryParam("after"), "after", 0, Long.MAX_VALUE, 0);
            int limit = (int) number(ctx.queryParam("limit"), "limit", 1, Events.MAX_LIMIT, Events.DEFAULT_LIMIT);
            sessions.require(sessionId);
            ctx.json(events.page(sessionId, after, limit));
        }, Access.VIEWER);
    }

    private static long number(String text, String name, long min, long max, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(name, "expected a number " + min + "-" + (max == Long.MAX_VALUE ? "" : max)
                + ", was '" + text + "'");
    }
}
