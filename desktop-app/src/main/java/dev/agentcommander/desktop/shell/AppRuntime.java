package dev.agentcommander.desktop.shell;

import dev.agentcommander.desktop.client.Backend;
import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.ControlPlaneEndpoint;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.desktop.client.StartupException;
import dev.agentcommander.desktop.client.TokenSource;
import dev.agentcommander.desktop.client.UiSocket;
import dev.agentcommander.desktop.sessions.SessionsFeed;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.schema.WireCodec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the app up and down off the UI thread: starts the backend (embedded or remote control plane), then the
 * UI socket and the sessions feed, and reports progress and failures to the shell. Start, retry and close run in
 * order on its own "startup" thread, which owns the fields; public methods are thread-safe.
 */
public final class AppRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppRuntime.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;
    /** REST calls and command follow-ups; a few, so one slow call does not hold up the others. */
    private static final int IO_THREADS = 4;

    private final Backend backend;
    private final WireCodec codec;
    private final HttpClient http;
    private final UiExecutor ui;
    private final ShellViewModel shell;
    private final SessionsViewModel sessions;
    private final ExecutorService startup = Executors.newSingleThreadExecutor(daemon("startup"));
    private final ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, daemon("desktop-io"));
    private final Consumer<Connection> onConnected;

    private UiSocket socket;
    private SessionsFeed feed;
    private ControlPlaneClient client;
    private Identity identity;
    private TokenSource followedTokens;

    public AppRuntime(Backend backend, WireCodec codec, HttpClient http, UiExecutor ui, ShellViewModel shell,
                      SessionsViewModel sessions, Consumer<Connection> onConnected) {
        this.onConnected = onConnected;
        this.backend = backend;
        this.codec = codec;
        this.http = http;
        this.ui = ui;
        this.shell = shell;
        this.sessions = sessions;
        backend.onAgentLink(state -> ui.execute(() -> shell.agentLink(state)));
    }

    public void start() {
        startup.execute(this::bringUp);
    }

    /** After a failed start: tear down whatever is left and start again. */
    public void retry() {
        startup.execute(() -> {
            tearDown();
            bringUp();
        });
    }

    /** Stops everything that was started; idempotent, and safe from a shutdown hook. */
    @Override
    public void close() {
        try {
            startup.submit(this::tearDown).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Already closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Shutdown did not finish cleanly", e);
        } finally {
            startup.shutdownNow();
            io.shutdownNow();
        }
    }

    private void bringUp() {
        ui.execute(() -> shell.starting("Starting…"));
        try {
            ControlPlaneEndpoint endpoint = backend.start(step -> ui.execute(() -> shell.starting(step)));
            ControlPlaneClient client = new ControlPlaneClient(http, endpoint.httpUrl(), endpoint.tokens(), codec);
            socket = new UiSocket(endpoint.uiWsUrl(), endpoint.tokens(), codec, ui, shell::socketStatus,
                    UiSocket.Timing.DEFAULT, Clock.systemUTC());
            SessionsFeed newFeed = new SessionsFeed(socket, client, sessions, ui, io);
            feed = newFeed;
            Identity identity = whoAmI(client);
            this.client = client;
            this.identity = identity;
            followSignIns(endpoint.tokens());
            Connection connection = new Connection(socket, client, identity, io);
            ui.execute(() -> {
                newFeed.start();
                onConnected.accept(connection);
                shell.ready(endpoint.httpUrl().toString(), identity);
            });
            socket.start();
            LOG.info("Ready: control plane at {}", endpoint.httpUrl());
        } catch (StartupException e) {
            fail(e);
        } catch (RuntimeException | LinkageError e) {
            // A broken install (missing class) must show up in the window, not leave it spinning.
            fail(new StartupException("Agent Commander could not start", e.toString(),
                    "See the log for details, then try again.", e));
        }
    }

    /** Once per token source: a later sign-in as someone else (or with another role) rebuilds the window's screens. */
    private void followSignIns(TokenSource tokens) {
        if (tokens != followedTokens) {
            followedTokens = tokens;
            tokens.onSignedInAgain(() -> startup.execute(this::checkIdentity));
        }
    }

    private void checkIdentity() {
        if (client == null) {
            return;
        }
        try {
            Identity now = client.me();
            if (!now.equals(identity)) {
                LOG.info("Signed in again as {} ({}), was {}: reconnecting the screens", now.email(), now.role(),
                        identity == null ? null : identity.email());
                tearDown();
                bringUp();
            }
        } catch (ControlPlaneException e) {
            LOG.warn("Cannot ask who signed in again: {}", e.getMessage());
        }
    }

    private static Identity whoAmI(ControlPlaneClient client) throws StartupException {
        try {
            return client.me();
        } catch (ControlPlaneException e) {
            throw new StartupException("Cannot sign in to the control plane", e.getMessage(),
                    "Check the token or the control plane, then try again.", e);
        }
    }

    private void fail(StartupException error) {
        LOG.error("Startup failed: {}: {}", error.headline(), error.detail(), error.getCause());
        tearDown();
        ui.execute(() -> shell.failed(error));
    }

    private void tearDown() {
        client = null;
        identity = null;
        SessionsFeed oldFeed = feed;
        feed = null;
        if (oldFeed != null) {
            ui.execute(oldFeed::close);
        }
        if (socket != null) {
            socket.close();
            socket = null;
        }
        backend.close();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
