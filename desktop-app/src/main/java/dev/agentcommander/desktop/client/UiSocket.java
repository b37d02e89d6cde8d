package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.ConsoleBytes;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI WebSocket ({@code /v1/ui/ws?token=<jwt>}) with its subscriptions kept across reconnects. It reconnects
 * with backoff, re-subscribes every topic, and before the token expires it opens a second connection with a
 * fresh token and drops the old one once the new one is open. Listeners and status run on the callback executor
 * (the UI executor). All state belongs to the socket's own "ui-socket" thread; public methods are thread-safe.
 */
public final class UiSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiSocket.class);
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final Duration ROTATION_RETRY = Duration.ofSeconds(10);
    /** The control plane closes a socket whose token expired with this code (docs/protocol.md). */
    private static final int TOKEN_EXPIRED_CLOSE = 4401;
    /**
     * Console data (base64 characters) of one subscription that may wait for the UI thread; beyond it chunks are
     * dropped here, and the offset gap they leave makes the console start over with a repaint.
     */
    static final int MAX_CONSOLE_WAITING = 1 << 20;

    /**
     * Reconnect backoff, and when to swap in a connection with a fresh token: {@code rotateBeforeExpiry} ahead
     * of the token's expiry, but never sooner than {@code minRotationDelay} after connecting.
     */
    public record Timing(Backoff backoff, Duration rotateBeforeExpiry, Duration minRotationDelay) {
        public static final Timing DEFAULT = new Timing(Backoff.DEFAULT, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private final URI uiWsUrl;
    private final TokenSource tokens;
    private final WireCodec codec;
    private final Executor callbacks;
    private final Consumer<SocketStatus> statusListener;
    private final Timing timing;
    private final Clock clock;
    private final ScheduledExecutorService loop;

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private Connection current;
    private Connection replacement;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> rotationTask;
    private int failures;
    private boolean closed;

    public UiSocket(URI uiWsUrl, TokenSource tokens, WireCodec codec, Executor callbacks,
                    Consumer<SocketStatus> statusListener, Timing timing, Clock clock) {
        this.uiWsUrl = uiWsUrl;
        this.tokens = tokens;
        this.codec = codec;
        this.callbacks = callbacks;
        this.statusListener = statusListener;
        this.timing = timing;
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ui-socket");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        loop.execute(this::connect);
    }

    /** Follows {@code topic} from now on, across reconnects; returns the subscription id. */
    public String subscribe(Topic topic, ObjectNode filter, TopicListener listener) {
        String id = UUID.randomUUID().toString();
        Subscription subscription = new Subscription(new Subscribe(id, topic, filter), listener);
        post(() -> {
            subscriptions.put(id, subscription);
            if (current != null && current.isOpen()) {
                sendSubscribe(current, subscription);
            }
        });
        return id;
    }

    public void unsubscribe(String subscriptionId) {
        post(() -> {
            if (subscriptions.remove(subscriptionId) != null && current != null && current.isOpen()) {
                current.send(codec.encode(Envelope.live(new Unsubscribe(subscriptionId))));
            }
        });
    }

    /**
     * Sends typed bytes to the pane the console subscription follows. Live only: bytes typed while the socket is
     * down are dropped (a terminal that is not connected does not echo, so the person sees they did not arrive).
     */
    public void consoleInput(String subscriptionId, byte[] data) {
        List<String> frames = new ArrayList<>();
        for (int from = 0; from < data.length; from += ConsoleBytes.MAX_INPUT_BYTES) {
            byte[] piece = Arrays.copyOfRange(data, from, Math.min(data.length, from + ConsoleBytes.MAX_INPUT_BYTES));
            frames.add(codec.encode(Envelope.live(new ConsoleInput(subscriptionId,
                    Base64.getEncoder().encodeToString(piece)))));
        }
        post(() -> {
            if (current != null && current.isOpen() && subscriptions.containsKey(subscriptionId)) {
                frames.forEach(current::send);
            }
        });
    }

    /** Closes the connections and stops reconnecting; idempotent. */
    @Override
    public void close() {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.submit(() -> {
                closed = true;
                cancel(retryTask);
                cancel(rotationTask);
                for (Connection connection : new Connection[] {current, replacement}) {
                    if (connection != null) {
                        connection.close();
                    }
                }
                current = null;
                replacement = null;
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("UI socket did not close cleanly", e);
        } finally {
            loop.shutdownNow();
        }
    }

    private void connect() {
        retryTask = null;
        if (closed || current != null) {
            return;
        }
        AccessToken token;
        try {
            token = tokens.current();
        } catch (ControlPlaneException e) {
            scheduleRetry("no valid token: " + e.getMessage());
            return;
        }
        publish(SocketStatus.CONNECTING);
        current = open(token);
    }

    private Connection open(AccessToken token) {
        URI uri = URI.create(uiWsUrl + "?token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8));
        Connection connection = new Connection(uri, token);
        connection.connect();
        return connection;
    }

    private void opened(Connection connection) {
        if (closed) {
            connection.close();
            return;
        }
        if (connection == replacement) {
            Connection old = current;
            current = connection;
            replacement = null;
            if (old != null) {
                old.close();
            }
        } else if (connection != current) {
            connection.close();
            return;
        }
        failures = 0;
        cancel(retryTask);
        retryTask = null;
        publish(SocketStatus.CONNECTED);
        for (Subscription subscription : subscriptions.values()) {
            sendSubscribe(connection, subscription);
        }
        scheduleRotation(connection.token);
    }

    private void received(Connection connection, ControlToUi message) {
        if (connection != current) {
            return;
        }
        if (message instanceof ErrorMessage error) {
            LOG.warn("Control plane reported an error on the UI socket: {} {} (subscription {})",
                    error.code(), error.message(), error.subscriptionId());
            Subscription concerned = error.subscriptionId() == null ? null : subscriptions.get(error.subscriptionId());
            if (concerned != null) {
                callbacks.execute(() -> concerned.listener.onMessage(error, false));
            }
            return;
        }
        String subscriptionId = subscriptionIdOf(message);
        Subscription subscription = subscriptionId == null ? null : subscriptions.get(subscriptionId);
        if (subscription == null) {
            LOG.debug("Dropping {} for unknown subscription {}", message.messageType().wireName(), subscriptionId);
            return;
        }
        boolean initial = subscription.awaitingInitial;
        subscription.awaitingInitial = false;
        if (message instanceof ConsoleChunk chunk) {
            int size = chunk.data().length();
            if (subscription.consoleWaiting.addAndGet(size) > MAX_CONSOLE_WAITING) {
                subscription.consoleWaiting.addAndGet(-size);
                LOG.debug("Console {} is behind on the UI thread; dropping a chunk at {}", subscriptionId,
                        chunk.offset());
                return;
            }
            callbacks.execute(() -> {
                subscription.consoleWaiting.addAndGet(-size);
                subscription.listener.onMessage(message, initial);
            });
            return;
        }
        callbacks.execute(() -> subscription.listener.onMessage(message, initial));
    }

    private void closedConnection(Connection connection, int code, String reason) {
        if (connection == replacement) {
            replacement = null;
            LOG.info("Could not open the replacement UI socket ({} {}); keeping the current one", code, reason);
            if (!closed) {
                rotationTask = loop.schedule(this::rotate, ROTATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (connection != current) {
            return;
        }
        if (refusedToken(code, reason)) {
            // The next connect asks for another token: a refresh, or the person signs in again.
            tokens.rejected(connection.token);
        }
        current = null;
        cancel(rotationTask);
        if (!closed) {
            scheduleRetry(describeClose(code, reason));
        }
    }

    private void scheduleRetry(String detail) {
        Duration delay = timing.backoff().delay(failures++);
        LOG.info("UI socket down ({}); reconnecting in {} ms", detail, delay.toMillis());
        publish(new SocketStatus(SocketStatus.State.DISCONNECTED, clock.instant().plus(delay), detail));
        retryTask = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduleRotation(AccessToken token) {
        cancel(rotationTask);
        Duration delay = Duration.between(clock.instant(), token.expiresAt().minus(timing.rotateBeforeExpiry()));
        if (delay.compareTo(timing.minRotationDelay()) < 0) {
            delay = timing.minRotationDelay();
        }
        rotationTask = loop.schedule(this::rotate, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Make-before-break: the old connection serves until the one with the fresh token is open. */
    private void rotate() {
        rotationTask = null;
        if (closed || current == null || !current.isOpen() || replacement != null) {
            return;
        }
        try {
            replacement = open(tokens.current());
        } catch (ControlPlaneException e) {
            LOG.warn("Token refresh failed; retrying in {} s: {}", ROTATION_RETRY.toSeconds(), e.getMessage());
            rotationTask = loop.schedule(this::rotate, ROTATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sendSubscribe(Connection connection, Subscription subscription) {
        subscription.awaitingInitial = true;
        connection.send(codec.encode(Envelope.live(subscription.request)));
    }

    /** Runs on the loop; after close there is nothing left to do, so late callbacks are dropped. */
    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("UI socket closed; dropping a late task");
        }
    }

    private void publish(SocketStatus status) {
        callbacks.execute(() -> statusListener.accept(status));
    }

    private static String subscriptionIdOf(ControlToUi message) {
        if (message instanceof SessionsChanged changed) {
            return changed.subscriptionId();
        } else if (message instanceof HostsChanged changed) {
            return changed.subscriptionId();
        } else if (message instanceof EventsAppended appended) {
            return appended.subscriptionId();
        } else if (message instanceof ApprovalsChanged changed) {
            return changed.subscriptionId();
        } else if (message instanceof ConsoleChunk chunk) {
            return chunk.subscriptionId();
        }
        return null;
    }

    /** The control plane refused the upgrade with 401, or closed the socket as the token expired. */
    private static boolean refusedToken(int code, String reason) {
        return code == TOKEN_EXPIRED_CLOSE
                || (reason != null && reason.contains("Invalid status code received: 401"));
    }

    private static String describeClose(int code, String reason) {
        if (reason != null && !reason.isBlank()) {
            return reason;
        }
        return code == -1 ? "could not connect" : "closed with code " + code;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One subscription; {@code awaitingInitial} belongs to the loop thread. */
    private static final class Subscription {
        final Subscribe request;
        final TopicListener listener;
        boolean awaitingInitial = true;
        /** Console data handed to the callback executor and not run yet. */
        final AtomicInteger consoleWaiting = new AtomicInteger();

        Subscription(Subscribe request, TopicListener listener) {
            this.request = request;
            this.listener = listener;
        }
    }

    /** One physical connection; its callbacks run on Java-WebSocket's thread and hop to the loop. */
    private final class Connection extends WebSocketClient {
        final AccessToken token;

        Connection(URI uri, AccessToken token) {
            super(uri, new Draft_6455(List.of(), MAX_MESSAGE_BYTES), Map.of(), CONNECT_TIMEOUT_MS);
            this.token = token;
            setDaemon(true);
            setConnectionLostTimeout(30);
            setTcpNoDelay(true); // small frames (acks, keystrokes, console chunks) must not wait for Nagle
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            post(() -> opened(this));
        }

        @Override
        public void onMessage(String text) {
            Envelope envelope;
            try {
                envelope = codec.decode(text);
            } catch (WireFormatException e) {
                LOG.warn("Ignoring a malformed UI socket message: {}", e.getMessage());
                return;
            }
            if (!(envelope.payload() instanceof ControlToUi message)) {
                LOG.warn("Ignoring {}: not a control-plane-to-UI message", envelope.type().wireName());
                return;
            }
            post(() -> received(this, message));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            post(() -> closedConnection(this, code, reason));
        }

        @Override
        public void onError(Exception error) {
            // onClose follows with the reason; this only adds the cause for diagnosis.
            LOG.debug("UI socket error", error);
        }
    }
}
