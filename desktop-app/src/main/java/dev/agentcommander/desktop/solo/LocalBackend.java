package dev.agentcommander.desktop.solo;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.desktop.client.AccessToken;
import dev.agentcommander.desktop.client.AgentLinkState;
import dev.agentcommander.desktop.client.Backend;
import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.ControlPlaneEndpoint;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.RefreshingTokenSource;
import dev.agentcommander.desktop.client.StartupException;
import dev.agentcommander.desktop.client.TokenSource;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solo mode (and team mode with {@code --database-url}): an embedded control plane on 127.0.0.1 and an embedded
 * agentd for this machine's tmux, with the local user signed in as admin by tokens minted in-process.
 * {@link #start} and {@link #close} run on the app's startup thread; listener registration is thread-safe.
 */
public final class LocalBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(5);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String databaseUrl;
    private final String tmuxSocket;
    private final WireCodec codec;
    private final HttpClient http;
    private final ControlPlaneInfoFile infoFile;
    private final List<Consumer<AgentLinkState>> agentListeners = new CopyOnWriteArrayList<>();

    private ControlPlane controlPlane;
    private Agentd agentd;

    /** {@code databaseUrl} null = H2 file in the data dir; {@code tmuxSocket} null = the default tmux server. */
    public LocalBackend(Path dataDir, String databaseUrl, String tmuxSocket, WireCodec codec, HttpClient http) {
        this.dataDir = dataDir;
        this.databaseUrl = databaseUrl;
        this.tmuxSocket = tmuxSocket;
        this.codec = codec;
        this.http = http;
        this.infoFile = new ControlPlaneInfoFile(dataDir.resolve("control-plane.json"), codec, http);
    }

    @Override
    public String modeLabel() {
        return databaseUrl == null ? "Solo" : "Team";
    }

    @Override
    public ControlPlaneEndpoint start(Consumer<String> progress) throws StartupException {
        progress.accept("Preparing " + dataDir + "…");
        String jwtSecret = prepareDataDir();
        progress.accept(databaseUrl == null ? "Starting control plane…" : "Starting control plane on the shared database…");
        startControlPlane(jwtSecret);
        TokenSource tokens = new RefreshingTokenSource(previous -> mintAdminToken(), null, REFRESH_MARGIN,
                Clock.systemUTC());
        URI httpUrl = URI.create(controlPlane.httpUrl());
        ControlPlaneClient client = new ControlPlaneClient(http, httpUrl, tokens, codec);
        progress.accept("Registering this machine…");
        Path agentdDir = dataDir.resolve("agentd");
        Path tokenFile = agentdDir.resolve("host.token");
        HostRow host = register(client, tokenFile);
        progress.accept("Starting agentd…");
        startAgentd(tokenFile, agentdDir, host);
        return new ControlPlaneEndpoint(httpUrl, URI.create(controlPlane.uiWsUrl()), tokens);
    }

    @Override
    public void onAgentLink(Consumer<AgentLinkState> listener) {
        agentListeners.add(listener);
        Agentd running = agentd;
        listener.accept(running == null ? AgentLinkState.STARTING : toState(running.linkState().name()));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        if (agentd != null) {
            try {
                agentd.close();
            } catch (RuntimeException e) {
                failure = e;
            }
            agentd = null;
        }
        if (controlPlane != null) {
            try {
                controlPlane.close();
            } catch (RuntimeException e) {
                failure = join(failure, e);
            }
            controlPlane = null;
        }
        try {
            infoFile.deleteIfOurs();
        } catch (IOException e) {
            failure = join(failure, new IllegalStateException("cannot delete " + infoFile.path(), e));
        }
        if (failure != null) {
            LOG.warn("Shutting down the local control plane or agentd failed", failure);
        }
    }

    private String prepareDataDir() throws StartupException {
        try {
            Files.createDirectories(dataDir);
            var other = infoFile.otherRunningInstance();
            if (other.isPresent()) {
                throw new StartupException("Agent Commander is already running with this data directory",
                        "Process " + other.get().pid() + " serves " + other.get().url() + " from " + dataDir + ".",
                        "Switch to the other window, or start this one with --data-dir <another directory>.", null);
            }
            return PrivateFile.readOrCreate(dataDir.resolve("jwt-secret"), LocalBackend::newSecret);
        } catch (IOException e) {
            throw new StartupException("Cannot use the data directory", dataDir + ": " + e.getMessage(),
                    "Make it writable for this user, or choose another one with --data-dir.", e);
        }
    }

    private void startControlPlane(String jwtSecret) throws StartupException {
        try {
            // Team mode: every node signs with the secret the team shares through the database (docs/security.md).
            String secret = databaseUrl == null ? jwtSecret : null;
            controlPlane = ControlPlane.start(new ServerConfig(databaseUrl, secret, "127.0.0.1", 0, dataDir));
            infoFile.write(new ControlPlaneInfo(controlPlane.httpUrl(), controlPlane.port(),
                    ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new StartupException("Cannot write " + infoFile.path(), e.getMessage(),
                    "Make the data directory writable for this user, or choose another one with --data-dir.", e);
        } catch (RuntimeException e) {
            String hint = databaseUrl == null
                    ? "The database in " + dataDir + " may be in use or damaged. Close other Agent Commander windows,"
                            + " or start with --data-dir <empty directory> to begin afresh."
                    : "Check the team database (--database-url, or Settings, Ctrl+,) and that it is reachable and"
                            + " accepts this user; clear it in Settings and start again for solo mode.";
            throw new StartupException("The control plane did not start", rootMessage(e), hint, e);
        }
    }

    private HostRow register(ControlPlaneClient client, Path tokenFile) throws StartupException {
        String name = MachineName.current();
        try {
            return new LocalHostRegistration(client, tokenFile).ensure(name);
        } catch (ControlPlaneException e) {
            throw new StartupException("Cannot register this machine as host \"" + name + "\"", e.getMessage(),
                    "See the log in " + dataDir.resolve("logs") + "; starting again usually helps.", e);
        } catch (IOException e) {
            throw new StartupException("Cannot store the host token", tokenFile + ": " + e.getMessage(),
                    "Make " + tokenFile.getParent() + " writable for this user.", e);
        }
    }

    private void startAgentd(Path tokenFile, Path agentdDir, HostRow host) throws StartupException {
        try {
            agentd = Agentd.start(AgentConfig.forLocal(List.of(controlPlane.agentWsUrl()), tokenFile,
                    tmuxSocket == null ? "" : tmuxSocket, agentdDir));
        } catch (RuntimeException e) {
            throw new StartupException("agentd did not start", rootMessage(e),
                    "Check that tmux is installed" + (tmuxSocket == null ? "" : " and that " + tmuxSocket
                            + " is a tmux socket of this user") + "; run `agentd doctor` for a full check.", e);
        }
        agentd.addLinkListener(state -> publish(toState(state.name())));
        publish(toState(agentd.linkState().name()));
        LOG.info("agentd started for host {} ({})", host.name(), host.hostId());
    }

    private AccessToken mintAdminToken() {
        String email = System.getProperty("user.name", "local") + "@localhost";
        String token = controlPlane.mintUserToken(Role.ADMIN, email, TOKEN_TTL);
        try {
            return AccessToken.fromJwt(token, codec);
        } catch (IllegalArgumentException e) {
            // The control plane minted it; its lifetime is the one asked for.
            return new AccessToken(token, Clock.systemUTC().instant().plus(TOKEN_TTL));
        }
    }

    private void publish(AgentLinkState state) {
        for (Consumer<AgentLinkState> listener : agentListeners) {
            listener.accept(state);
        }
    }

    private static AgentLinkState toState(String agentdState) {
        return switch (agentdState) {
            case "CONNECTED" -> AgentLinkState.CONNECTED;
            case "CONNECTING" -> AgentLinkState.CONNECTING;
            default -> AgentLinkState.DISCONNECTED;
        };
    }

    private static String newSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == error ? message : error.getMessage() + " (" + message + ")";
    }

    private static RuntimeException join(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
