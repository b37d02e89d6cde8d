package dev.agentcommander.server.console;

import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.session.Sessions;
import io.javalin.config.RoutesConfig;

/** {@code GET /v1/sessions/{session_id}/snapshot}: the last captured screen; 404 when none. Thread-safe. */
public final class ConsoleRoutes {
    private final Snapshots snapshots;
    private final Sessions sessions;

    public ConsoleRoutes(Snapshots snapshots, Sessions sessions) {
        this.snapshots = snapshots;
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions/{session_id}/snapshot", ctx -> {
            String sessionId = ctx.pathParam("session_id");
            sessions.require(sessionId);
            ctx.json(snapshots.find(sessionId).orElseThrow(() -> new NotFoundException("session " + sessionId
                    + " has no snapshot yet")));
        }, Access.VIEWER);
    }
}
