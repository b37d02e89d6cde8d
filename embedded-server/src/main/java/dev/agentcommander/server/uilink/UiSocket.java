package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.auth.UserTokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/ui/ws?token=<jwt>}: any valid user token (viewer and up) opens it; a missing or invalid one
 * rejects the upgrade with 401. When the token's {@code exp} passes, the socket is closed with
 * {@value #TOKEN_EXPIRED} so the client reconnects with a fresh token; a client that stops reading is closed with
 * {@value #TOO_SLOW}. When the database stops answering and when it is back, the subscriptions that read it are told
 * ({@link #storeChanged}). Thread-safe.
 */
public final class UiSocket {
    public static final String PATH = "/v1/ui/ws";
    /** Close code of a socket whose token expired. */
    public static final int TOKEN_EXPIRED = 4401;
    /** Close code of a socket whose client stopped reading (see {@link UiLink#MAX_UNSENT_CHARS}). */
    public static final int TOO_SLOW = 4429;
    /** How long a too slow client gets to take the close frame before its connection is cut. */
    static final Duration TOO_SLOW_GRACE = Duration.ofSeconds(5);
    /** Jetty's hard cap; below it, frames over the agreed 1 MiB get an error and the socket stays open. */
    static final long TRANSPORT_MAX_BYTES = 4L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UiSocket.class);
    private static final String LINK = "uilink.link";
    private static final String EXPIRY = "uilink.expiry";

    private final UserTokens userTokens;
    private final WireCodec codec;
    private final UiTopics topics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<UiLink> links = ConcurrentHashMap.newKeySet();
    private volatile boolean storeAvailable = true;
    private final Counter received;
    private final Counter sent;
    private final Counter tooSlowClosed;

    public UiSocket(UserTokens userTokens, WireCodec codec, UiTopics topics, ScheduledExecutorService scheduler,
            Clock clock, MeterRegistry registry) {
        this.userTokens = userTokens;
        this.codec = codec;
        this.topics = topics;
        this.scheduler = scheduler;
        this.clock = clock;
        registry.gauge("agentcommander.ui.connections", open);
        this.received = Counter.builder("agentcommander.ui.messages.in").description("frames received from UI clients")
                .register(registry);
        this.sent = Counter.builder("agentcommander.ui.messages.out").description("frames sent to UI clients")
                .register(registry);
        this.tooSlowClosed = Counter.builder("agentcommander.ui.too_slow")
                .description("UI sockets closed because their client stopped reading").register(registry);
    }

    /**
     * The database became unavailable ({@code false}) or answers again: each open socket's subscriptions get an
     * {@code error} {@value UiLink#STORE_UNAVAILABLE} or {@value UiLink#STORE_AVAILABLE}. Must not block.
     */
    public void storeChanged(boolean available) {
        storeAvailable = available;
        links.forEach(link -> link.storeChanged(available));
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
        UiLink link = new UiLink(ctx, principal, codec, topics, sent::increment,
                slow -> scheduler.execute(() -> tooSlow(ctx, slow)), () -> storeAvailable);
        ctx.attribute(LINK, link);
        links.add(link);
        open.incrementAndGet();
        if (principal.expiresAt() != null) {
            long delayMs = Math.max(0, Duration.between(clock.instant(), principal.expiresAt()).toMillis());
            ScheduledFuture<?> expiry = scheduler.schedule(() -> {
                if (ctx.session.isOpen()) {
                    LOG.debug("ui token of {} expired; closing its socket", principal.subject());
                    ctx.closeSession(TOKEN_EXPIRED, "token expired");
                }
            }, delayMs, TimeUnit.MILLISECONDS);
            ctx.attribute(EXPIRY, expiry);
        }
        LOG.debug("ui connected: {} ({})", principal.subject(), principal.role());
    }

    /** Off the publishing thread: ends the subscriptions now, closes with {@value #TOO_SLOW}, cuts if unheard. */
    private void tooSlow(WsContext ctx, UiLink link) {
        LOG.warn("ui client {} stopped reading ({} characters unsent); closing its socket with {}",
                link.principal().subject(), link.unsent(), TOO_SLOW);
        tooSlowClosed.increment();
        links.remove(link);
        link.closed();
        ctx.closeSession(TOO_SLOW, "too slow: stopped reading");
        // Unconditionally: the session stops counting as open once the close frame is queued, but a client that does
        // not read never gets it, and its connection (with everything queued for it) would stay until the idle
        // timeout. Cutting a connection that closed in time does nothing.
        scheduler.schedule(ctx.session::disconnect, TOO_SLOW_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void message(WsMessageContext ctx) {
        received.increment();
        UiLink link = ctx.attribute(LINK);
        if (link != null) {
            link.handle(ctx.message());
        }
    }

    private void closed(WsCloseContext ctx) {
        ScheduledFuture<?> expiry = ctx.attribute(EXPIRY);
        if (expiry != null) {
            expiry.cancel(false);
        }
        UiLink link = ctx.attribute(LINK);
        if (link != null) {
            open.decrementAndGet();
            links.remove(link);
            link.closed();
            LOG.debug("ui disconnected: {} ({} {})", link.principal().subject(), ctx.status(), ctx.reason());
        }
    }
}
