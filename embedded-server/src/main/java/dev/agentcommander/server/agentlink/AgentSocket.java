package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.auth.AccessGuard;
import dev.agentcommander.server.auth.HostCredential;
import dev.agentcommander.server.auth.HostTokens;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.console.Snapshots;
import io.micrometer.core.instrument.MeterRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/agent/ws}: the host token is checked at the upgrade (401 otherwise), the connection's agentd
 * stream comes from {@code X-Agentd-Stream}. On connect the host's {@code last_acked_seq} is acked.
 * Thread-safe; Jetty calls one socket's handlers one at a time.
 */
public final class AgentSocket {
    public static final String PATH = "/v1/agent/ws";
    public static final String STREAM_HEADER = "X-Agentd-Stream";
    /** Jetty's hard cap: beyond it the socket closes (1009); below it, frames over the agreed limit get an error. */
    static final long TRANSPORT_MAX_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AgentSocket.class);
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String CREDENTIAL = "agentlink.credential";
    private static final String STREAM = "agentlink.stream";
    private static final String LINK = "agentlink.link";

    private final HostTokens hostTokens;
    private final AgentLinks links;
    private final DurableApplier applier;
    private final AgentFrames frames;
    private final WireCodec codec;
    private final AgentFeeds feeds;
    private final HostPresence presence;
    private final AgentMetrics metrics;
    private final int hostsPerTransaction;
    private final Executor applyExecutor;

    /** Collaborators of the agent socket beyond the database. */
    public record Parts(Approvals approvals, Snapshots snapshots, ConsoleRelay console, AgentFeeds feeds,
            HostPresence presence, MeterRegistry registry) {
    }

    /**
     * {@code hostsPerTransaction}: how many hosts' waiting batches one apply transaction may take (1: each host on
     * its own; see AgentLink#companions).
     */
    public AgentSocket(HostTokens hostTokens, AgentLinks links, Jdbi jdbi, Clock clock, WireCodec codec, Parts parts,
            Executor applyExecutor, int hostsPerTransaction) {
        if (hostsPerTransaction < 1) {
            throw new IllegalArgumentException("hostsPerTransaction must be >= 1, was " + hostsPerTransaction);
        }
        this.hostsPerTransaction = hostsPerTransaction;
        this.hostTokens = hostTokens;
        this.links = links;
        this.metrics = new AgentMetrics(parts.registry());
        this.applier = new DurableApplier(jdbi, clock, codec, parts.approvals());
        this.frames = new AgentFrames(codec, parts.snapshots(), parts.console(), parts.presence(), metrics);
        this.codec = codec;
        this.feeds = parts.feeds();
        this.presence = parts.presence();
        this.applyExecutor = applyExecutor;
        parts.registry().gauge("agentcommander.agent.connections", links, AgentLinks::openCount);
    }

    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::authenticate);
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onClose(this::closed);
            ws.onError(this::failed);
        });
    }

    private void authenticate(Context ctx) {
        HostCredential credential = hostTokens.authenticate(AccessGuard.bearer(ctx.header("Authorization")));
        String stream = ctx.header(STREAM_HEADER);
        if (stream == null || !STREAM_ID.matcher(stream).matches()) {
            throw new BadRequestException(STREAM_HEADER, "required header: the agentd stream id (1-64 characters "
                    + "of A-Z a-z 0-9 . _ : -)");
        }
        ctx.attribute(CREDENTIAL, credential);
        ctx.attribute(STREAM, stream);
    }

    private void connected(WsConnectContext ctx) throws InterruptedException {
        ctx.session.setMaxTextMessageSize(TRANSPORT_MAX_BYTES);
        ctx.session.setIdleTimeout(Duration.ofMinutes(2));
        ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
        HostCredential credential = ctx.attribute(CREDENTIAL);
        String stream = ctx.attribute(STREAM);
        AgentLink link = new AgentLink(credential, stream, ctx, codec, applier, feeds, metrics, applyExecutor, links,
                hostsPerTransaction - 1);
        ctx.attribute(LINK, link);
        AgentLink previous = links.attach(link);
        if (previous != null) {
            if (previous.isOpen()) {
                LOG.warn("host {}: a new connection replaces the open one", credential.hostId());
                previous.close(4409, "replaced by a newer connection of this host");
            }
            previous.awaitIdle();
        }
        try {
            long lastAcked = applier.open(credential.hostId(), stream);
            LOG.info("host {}: agent connected (stream {}, last_acked_seq {})", credential.hostId(), stream, lastAcked);
            link.sendAck(lastAcked);
        } catch (RuntimeException e) {
            LOG.error("host {}: cannot open the agent connection", credential.hostId(), e);
            link.close(1011, "server error, reconnect");
            return;
        }
        try {
            presence.connected(credential.hostId());
        } catch (RuntimeException e) {
            LOG.warn("host {}: catching up the new connection failed (retried at its next connect): {}",
                    credential.hostId(), e.toString());
        }
    }

    private void message(WsMessageContext ctx) throws InterruptedException {
        AgentLink link = ctx.attribute(LINK);
        if (link != null && link.isOpen()) {
            frames.handle(link, ctx.message());
        }
    }

    private void closed(WsCloseContext ctx) {
        AgentLink link = ctx.attribute(LINK);
        if (link == null) {
            return;
        }
        link.closed();
        LOG.info("host {}: agent disconnected ({} {})", link.hostId(), ctx.status(), ctx.reason());
        try {
            applier.touch(link.hostId());
            presence.disconnected(link.hostId());
        } catch (RuntimeException e) {
            LOG.warn("host {}: cannot record last_seen: {}", link.hostId(), e.toString());
        }
    }

    private void failed(WsErrorContext ctx) {
        AgentLink link = ctx.attribute(LINK);
        LOG.debug("agent socket error (host {}): {}", link == null ? "?" : link.hostId(), String.valueOf(ctx.error()));
    }
}
