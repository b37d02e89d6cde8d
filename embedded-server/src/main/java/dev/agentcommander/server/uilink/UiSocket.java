package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.session.SessionChanges;
import dev.agentcommander.server.session.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/ui/ws?token=<jwt>}: any valid user token (viewer and up) opens it; a missing or invalid one
 * rejects the upgrade with 401. The token is checked at the upgrade only. Thread-safe.
 */
public final class UiSocket {
    public static final String PATH = "/v1/ui/ws";
    /** Jetty's hard cap; below it, frames over the agreed 1 MiB get an error and the socket stays open. */
    static final long TRANSPORT_MAX_BYTES = 4L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UiSocket.class);
    private static final String LINK = "uilink.link";

    private final UserTokens userTokens;
    private final WireCodec codec;
    private final Sessions sessions;
    private final SessionChanges sessionChanges;

    public UiSocket(UserTokens userTokens, WireCodec codec, Sessions sessions, SessionChanges sessionChanges) {
        this.userTokens = userTokens;
        this.codec = codec;
        this.sessions = sessions;
        this.sessionChanges = sessionChanges;
    }

    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::authenticate);
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onClose(this::closed);
        });
    }

    private void authenticate(Context ctx) {
        ctx.attribute(Principal.ATTRIBUTE, userTokens.verify(ctx.queryParam("token")));
    }

    private void connected(WsConnectContext ctx) {
        ctx.session.setMaxTextMessageSize(TRANSPORT_MAX_BYTES);
        ctx.session.setIdleTimeout(Duration.ofMinutes(2));
        ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        UiLink link = new UiLink(ctx, principal, codec, sessions, sessionChanges);
        ctx.attribute(LINK, link);
        LOG.debug("ui connected: {} ({})", principal.subject(), principal.role());
    }

    private void message(WsMessageContext ctx) {
        UiLink link = ctx.attribute(LINK);
        if (link != null) {
            link.handle(ctx.message());
        }
    }

    private void closed(WsCloseContext ctx) {
        UiLink link = ctx.attribute(LINK);
        if (link != null) {
            link.closed();
            LOG.debug("ui disconnected: {} ({} {})", link.principal().subject(), ctx.status(), ctx.reason());
        }
    }
}
