package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.ConsoleBytes;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI WebSocket ({@code /v1/ui/ws?token=<jwt>}) with its subscriptions kept across reconnects. It reconnects
 * with backoff, re-subscribes every topic, and before the token expires it opens a second connection with a
 * fresh token and drops the old one once the new one is open. Listeners and status run on the callback executor
 * (the UI executor). When the control plane says its database does not answer, the status says so and any
 * subscription it refused meanwhile is made again once it is back. All state belongs to the socket's own
 * "ui-socket" thread; public methods are thread-safe.
 */
public final class UiSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiSocket.class);
    private static final Duration ROTATION_RETRY = Duration.ofSeconds(10);
    /** The control plane closes a socket whose token expired with this code (docs/protocol.md). */
    private static final int TOKEN_EXPIRED_CLOSE = 4401;

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

    private final Map<String, UiSubscription> subscriptions = new LinkedHashMap<>();
    private UiConnection current;
    private UiConnection replacement;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> rotationTask;
    private int failures;
    private boolean closed;
    /** The control plane said its database does not answer, and has not said it is back. */
    private boolean storeDown;
    /** What the connections hear, handed to the loop thread, which owns all state. */
    private final UiConnection.Events toLoop = new UiConnection.Events() {
        @Override
        public void opened(UiConnection connection) {
            post(() -> openedOnLoop(connection));
        }

        @Override
        public void received(UiConnection connection, ControlToUi message) {
            post(() -> receivedOnLoop(connection, message));
        }

        @Override
        public void closed(UiConnection connection, int code, String reason) {
            post(() -> closedOnLoop(connection, code, reason));
        }
    };

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
        UiSubscription subscription = new UiSubscription(new Subscribe(id, topic, filter), listener);
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
                for (UiConnection connection : new UiConnection[] {current, replacement}) {
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

    private UiConnection open(AccessToken token) {
        URI uri = URI.create(uiWsUrl + "?token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8));
        UiConnection connection = new UiConnection(uri, token, codec, toLoop);
        connection.connect();
        return connection;
    }

    private void openedOnLoop(UiConnection connection) {
        if (closed) {
            connection.close();
            return;
        }
        if (connection == replacement) {
            UiConnection old = current;
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
        storeDown = false;
        cancel(retryTask);
        retryTask = null;
        publish(SocketStatus.CONNECTED);
        for (UiSubscription subscription : subscriptions.values()) {
            sendSubscribe(connection, subscription);
        }
        scheduleRotation(connection.token);
    }

    private void receivedOnLoop(UiConnection connection, ControlToUi message) {
        if (connection != current) {
            return;
        }
        if (message instanceof ErrorMessage error) {
            receivedError(connection, error);
            return;
        }
        String subscriptionId = subscriptionIdOf(message);
        UiSubscription subscription = subscriptionId == null ? null : subscriptions.get(subscriptionId);
        if (subscription == null) {
            LOG.debug("Dropping {} for unknown subscription {}", message.messageType().wireName(), subscriptionId);
            return;
        }
        boolean initial = subscription.awaitingInitial;
        subscription.awaitingInitial = false;
        if (message instanceof ConsoleChunk chunk) {
            int size = chunk.data().length();
            if (!subscription.admitConsole(size)) {
                LOG.debug("Console {} is behind on the UI thread; dropping a chunk at {}", subscriptionId,
                        chunk.offset());
                return;
            }
            callbacks.execute(() -> {
                subscription.consoleDelivered(size);
                subscription.listener.onMessage(message, initial);
            });
            return;
        }
        callbacks.execute(() -> subscription.listener.onMessage(message, initial));
    }

    private void receivedError(UiConnection connection, ErrorMessage error) {
        UiSubscription concerned = error.subscriptionId() == null ? null : subscriptions.get(error.subscriptionId());
        switch (error.code()) {
            case ErrorMessage.STORE_UNAVAILABLE -> storeUnavailable(concerned, error.message());
            case ErrorMessage.STORE_AVAILABLE -> storeAvailable(connection);
            default -> {
                LOG.warn("Control plane reported an error on the UI socket: {} {} (subscription {})",
                        error.code(), error.message(), error.subscriptionId());
                if (concerned != null) {
                    callbacks.execute(() -> concerned.listener.onMessage(error, false));
                }
            }
        }
    }

    /** A refused subscribe (no answer yet) is made again when the database is back; the rest just go quiet. */
    private void storeUnavailable(UiSubscription concerned, String detail) {
        if (concerned != null && concerned.awaitingInitial) {
            concerned.refusedWhileStoreDown = true;
        }
        if (!storeDown) {
            storeDown = true;
            LOG.warn("The control plane's database does not answer: {}", detail);
            publish(new SocketStatus(SocketStatus.State.STORE_UNAVAILABLE, null, detail));
        }
    }

    private void storeAvailable(UiConnection connection) {
        if (storeDown) {
            storeDown = false;
            LOG.info("The control plane's database answers again");
            publish(SocketStatus.CONNECTED);
        }
        for (UiSubscription subscription : subscriptions.values()) {
            if (subscription.refusedWhileStoreDown) {
                subscription.refusedWhileStoreDown = false;
                sendSubscribe(connection, subscription);
            }
        }
    }

    private void closedOnLoop(UiConnection connection, int code, String reason) {
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

    private void sendSubscribe(UiConnection connection, UiSubscription subscription) {
        subscription.awaitingInitial = true;
        subscription.refusedWhileStoreDown = false;
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
}
