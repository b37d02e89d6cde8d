package dev.agentcommander.agentd.channel;

import dev.agentcommander.agentd.config.ConfigException;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.ApprovalDecision;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * agentd's WebSocket to the control plane: connects with the host token and stream id, drains the outbox
 * (resend, then {@code agent.hello} with its {@link AgentIdentity}, then live traffic, see {@link LinkSender}), applies acks, hands commands to the
 * {@link CommandHandler}, and reconnects with exponential backoff and full jitter, trying the URLs in order.
 * Thread-safe. Connection lifecycle is owned by the thread "agentd-link"; listeners run on "agentd-link-listeners".
 */
public final class AgentLink implements AutoCloseable {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);

    private final ControlPlaneConfig config;
    private final List<URI> uris;
    private final Outbox outbox;
    private final WireCodec codec;
    private final AgentIdentity identity;
    private final LinkSender sender;
    private final LinkInbound inbound;
    private final Backoff backoff;
    private final ScheduledExecutorService linkThread;
    private final ExecutorService listenerThread;
    private final List<Consumer<LinkState>> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottle connectWarnings = new LogThrottle(LOG, Duration.ofMinutes(1));
    private volatile LinkState state = LinkState.DISCONNECTED;
    private volatile boolean closed;
    // Owned by the link thread:
    private LinkSocket current;
    private boolean currentOpened;
    private int urlIndex;

    public AgentLink(ControlPlaneConfig config, Outbox outbox, WireCodec codec, String agentVersion,
                     CommandHandler commands) {
        this(config, outbox, codec, AgentIdentity.of(agentVersion), commands, AgentLink::ignoreDecision);
    }

    public AgentLink(ControlPlaneConfig config, Outbox outbox, WireCodec codec, AgentIdentity identity,
                     CommandHandler commands, DecisionHandler decisions) {
        this(config, outbox, codec, identity, commands, decisions, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public AgentLink(ControlPlaneConfig config, Outbox outbox, WireCodec codec, String agentVersion,
                     CommandHandler commands, Duration initialBackoff, Duration maxBackoff) {
        this(config, outbox, codec, AgentIdentity.of(agentVersion), commands, initialBackoff, maxBackoff);
    }

    public AgentLink(ControlPlaneConfig config, Outbox outbox, WireCodec codec, AgentIdentity identity,
                     CommandHandler commands, Duration initialBackoff, Duration maxBackoff) {
        this(config, outbox, codec, identity, commands, AgentLink::ignoreDecision, initialBackoff, maxBackoff);
    }

    public AgentLink(ControlPlaneConfig config, Outbox outbox, WireCodec codec, AgentIdentity identity,
                     CommandHandler commands, DecisionHandler decisions, Duration initialBackoff, Duration maxBackoff) {
        this.config = config;
        this.uris = config.uris();
        this.outbox = outbox;
        this.codec = codec;
        this.identity = identity;
        this.sender = new LinkSender(outbox, codec, this::hello, config.ackTimeout());
        this.inbound = new LinkInbound(codec, outbox, sender, commands, decisions, this::onFirstAck);
        this.backoff = new Backoff(initialBackoff, maxBackoff, RandomGenerator.getDefault());
        this.linkThread = Executors.newSingleThreadScheduledExecutor(daemon("agentd-link"));
        this.listenerThread = Executors.newSingleThreadExecutor(daemon("agentd-link-listeners"));
    }

    private static void ignoreDecision(ApprovalDecision decision) {
        LOG.debug("ignoring decision on approval {}: no approvals handled here", decision.approvalId());
    }

    public void start() {
        sender.start();
        onLinkThread(this::attempt);
    }

    public LinkState state() {
        return state;
    }

    /** Called with every state change, on a daemon thread, in order. */
    public void addStateListener(Consumer<LinkState> listener) {
        listeners.add(listener);
    }

    /** Sends a live (not durable) message if connected; false if it was dropped. */
    public boolean sendLive(AgentToControl message) {
        return sender.sendLive(codec.encode(Envelope.live(message)));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            linkThread.submit(() -> {
                if (current != null) {
                    current.close(CloseFrame.GOING_AWAY, "agentd stopping");
                    current = null;
                }
                setState(LinkState.DISCONNECTED);
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("could not close the control plane connection cleanly", e);
        }
        // Pending reconnects and handshake timeouts are moot now.
        linkThread.shutdownNow();
        sender.stop();
        listenerThread.shutdown();
    }

    private AgentHello hello(long lastAckedSeq) {
        return new AgentHello(null, identity.version(), new AgentHello.Resume(lastAckedSeq), identity.allowedRoots());
    }

    private void attempt() {
        if (closed) {
            return;
        }
        URI uri = uris.get(urlIndex);
        String token;
        try {
            token = config.readToken();
        } catch (ConfigException e) {
            connectWarnings.warn("cannot connect to the control plane: {}", e.getMessage());
            setState(LinkState.DISCONNECTED);
            retryAfter(backoff.next());
            return;
        }
        setState(LinkState.CONNECTING);
        LinkSocket socket = new LinkSocket(uri, Map.of("Authorization", "Bearer " + token,
                "X-Agentd-Stream", outbox.streamId()), new Events());
        socket.setDaemon(true);
        current = socket;
        currentOpened = false;
        socket.connect();
        linkThread.schedule(() -> {
            if (current == socket && !currentOpened) {
                socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no WebSocket handshake within "
                        + HANDSHAKE_TIMEOUT.toSeconds() + " s");
            }
        }, HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void opened(LinkSocket socket) {
        if (socket != current || closed) {
            socket.close();
            return;
        }
        currentOpened = true;
        connectWarnings.reset();
        LOG.info("connected to the control plane at {}", socket.getURI());
        sender.connected(socket);
        setState(LinkState.CONNECTED);
    }

    private void closed(LinkSocket socket, int code, String reason) {
        if (socket != current) {
            return;
        }
        current = null;
        sender.disconnected(socket);
        setState(LinkState.DISCONNECTED);
        if (closed) {
            return;
        }
        if (currentOpened) {
            connectWarnings.warn("lost the control plane at {} (code {}{}); reconnecting", socket.getURI(), code,
                    reason == null || reason.isBlank() ? "" : ": " + reason);
            urlIndex = 0;
            retryAfter(backoff.next());
            return;
        }
        connectWarnings.warn("cannot connect to the control plane at {}: {}", socket.getURI(), explain(reason));
        urlIndex++;
        if (urlIndex < uris.size()) {
            retryAfter(Duration.ZERO); // fail over to the next URL at once
        } else {
            urlIndex = 0;
            retryAfter(backoff.next());
        }
    }

    private String explain(String reason) {
        if (reason != null && reason.contains(" 401")) {
            return "the host token was refused (401); check control_plane.token_file " + config.tokenFile();
        }
        if (reason != null && reason.contains(" 403")) {
            return "the host token does not open this host's socket (403); check control_plane.token_file "
                    + config.tokenFile();
        }
        return reason == null || reason.isBlank() ? "connection failed" : reason;
    }

    private void onFirstAck() {
        onLinkThread(backoff::reset);
    }

    private void retryAfter(Duration delay) {
        try {
            linkThread.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("link closed; no reconnect", e);
        }
    }

    private void setState(LinkState newState) {
        if (state == newState) {
            return;
        }
        state = newState;
        for (Consumer<LinkState> listener : listeners) {
            try {
                listenerThread.execute(() -> notify(listener, newState));
            } catch (RejectedExecutionException e) {
                LOG.debug("link closed; state {} not delivered", newState, e);
            }
        }
    }

    private static void notify(Consumer<LinkState> listener, LinkState newState) {
        try {
            listener.accept(newState);
        } catch (RuntimeException e) {
            LOG.warn("link state listener failed on {}", newState, e);
        }
    }

    private void onLinkThread(Runnable task) {
        try {
            linkThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("link closed; task dropped", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Socket callbacks arrive on the socket's threads: lifecycle hops to the link thread, frames are handled in place. */
    private final class Events implements LinkSocket.Events {
        @Override
        public void opened(LinkSocket socket) {
            onLinkThread(() -> AgentLink.this.opened(socket));
        }

        @Override
        public void message(LinkSocket socket, String text) {
            inbound.handle(socket, text);
        }

        @Override
        public void closed(LinkSocket socket, int code, String reason, boolean remote) {
            onLinkThread(() -> AgentLink.this.closed(socket, code, reason));
        }

        @Override
        public void failed(LinkSocket socket, Exception error) {
            LOG.debug("WebSocket error on {}", socket.getURI(), error);
        }
    }
}
