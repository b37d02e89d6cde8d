package dev.agentcommander.server.app;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.agentlink.AgentFeeds;
import dev.agentcommander.server.agentlink.AgentLinks;
import dev.agentcommander.server.agentlink.AgentSocket;
import dev.agentcommander.server.agentlink.HostPresence;
import dev.agentcommander.server.approval.ApprovalRoutes;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.auth.AccessGuard;
import dev.agentcommander.server.auth.HostTokens;
import dev.agentcommander.server.auth.MeRoutes;
import dev.agentcommander.server.auth.RefreshRoutes;
import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.cluster.Cluster;
import dev.agentcommander.server.cluster.NodePresence;
import dev.agentcommander.server.cluster.TeamFeeds;
import dev.agentcommander.server.cluster.TeamReaders;
import dev.agentcommander.server.command.CommandRoutes;
import dev.agentcommander.server.command.Commands;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.console.ConsoleRoutes;
import dev.agentcommander.server.console.Snapshots;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.db.DatabaseEngine;
import dev.agentcommander.server.db.DatabaseUrl;
import dev.agentcommander.server.db.StoreWatch;
import dev.agentcommander.server.event.ControlEvents;
import dev.agentcommander.server.event.EventRoutes;
import dev.agentcommander.server.event.Events;
import dev.agentcommander.server.host.HostFeed;
import dev.agentcommander.server.host.HostRoutes;
import dev.agentcommander.server.host.Hosts;
import dev.agentcommander.server.login.GithubLogin;
import dev.agentcommander.server.login.GithubLoginConfig;
import dev.agentcommander.server.login.GithubLoginRoutes;
import dev.agentcommander.server.metrics.MetricsRoutes;
import dev.agentcommander.server.session.SessionChanges;
import dev.agentcommander.server.session.SessionRoutes;
import dev.agentcommander.server.session.Sessions;
import dev.agentcommander.server.uilink.UiSocket;
import dev.agentcommander.server.uilink.UiTopics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running control plane: database, REST API, agent and UI sockets. Start it with {@link #start}, stop it
 * with {@link #close}. Thread-safe.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    /**
     * Threads applying agent frames. In-process H2 is CPU-bound: more threads than cores only means more, smaller
     * transactions (ReplayBench on 2 cores: 14k events/s with 4 threads, 17k with 2). PostgreSQL transactions wait
     * on round trips, so a few more run at once (ReplayBench, durable commits, 50 hosts, 2 cores shared with the
     * database: 8 threads made no difference that outlasted the noise, paced 5,000 events/s ack p99 94–163 ms
     * against 96–157 ms with 4, saturated 27–45k events/s against 28–45k).
     */
    private static final int H2_APPLY_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int POSTGRESQL_APPLY_THREADS = 4;
    /**
     * Hosts whose waiting batches one apply transaction may take. H2 gains from fewer, larger transactions
     * (ReplayBench, 50 hosts: 17k events/s saturated instead of 12–14.5k, paced arrival → commit 85 ms instead of
     * ~170 ms); PostgreSQL gains from concurrent commits instead (durable commits, paced 5,000/s ack p99: 0.4 s alone
     * against 0.85 s with 16 hosts per transaction, and, with lighter bench clients, 96–157 ms alone against
     * 107–145 ms with 4 hosts).
     */
    private static final int H2_HOSTS_PER_TRANSACTION = 64;
    private static final int POSTGRESQL_HOSTS_PER_TRANSACTION = 1;

    private final Database database;
    private final NodePresence presence;
    private final Cluster cluster;
    private final ExecutorService applyExecutor;
    private final ScheduledExecutorService scheduler;
    private final StoreWatch storeWatch;
    private final ExecutorService uiReads;
    private final AgentLinks agentLinks;
    private final UserTokens userTokens;
    private final Javalin app;
    private final String localHost;

    private ControlPlane(Database database, NodePresence presence, Cluster cluster, ExecutorService applyExecutor,
            ScheduledExecutorService scheduler, StoreWatch storeWatch, ExecutorService uiReads, AgentLinks agentLinks,
            UserTokens userTokens, Javalin app, String localHost) {
        this.storeWatch = storeWatch;
        this.database = database;
        this.presence = presence;
        this.cluster = cluster;
        this.applyExecutor = applyExecutor;
        this.scheduler = scheduler;
        this.uiReads = uiReads;
        this.agentLinks = agentLinks;
        this.userTokens = userTokens;
        this.app = app;
        this.localHost = localHost;
    }

    /**
     * Opens and migrates the database, then serves HTTP and WebSockets on {@code config.host():config.port()}.
     *
     * @throws ConfigException for a weak JWT secret, a bad database URL, an unreachable database or a port in use
     */
    public static ControlPlane start(ServerConfig config) {
        return start(config, ServerTuning.DEFAULTS);
    }

    /** As {@link #start(ServerConfig)}, with other timings (tests shorten the command deadline). */
    public static ControlPlane start(ServerConfig config, ServerTuning tuning) {
        return start(config, tuning, GithubLoginConfig.DISABLED);
    }

    /** As {@link #start(ServerConfig, ServerTuning)}, with GitHub sign-in ({@code POST /v1/auth/github}). */
    public static ControlPlane start(ServerConfig config, ServerTuning tuning, GithubLoginConfig github) {
        // microsecond ticks: what PostgreSQL stores is what was pushed to the UI
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database = openDatabase(config, registry);
        ExecutorService applyExecutor =
                Executors.newFixedThreadPool(database.engine() == DatabaseEngine.H2 ? H2_APPLY_THREADS
                        : POSTGRESQL_APPLY_THREADS, Background.threads("agent-apply-"));
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(Background.threads("cp-timer-"));
        StoreWatch storeWatch = new StoreWatch(() -> database.reachable(HealthRoutes.DATABASE_WAIT));
        ExecutorService uiReads = Executors.newSingleThreadExecutor(Background.threads("ui-reads-"));
        Cluster cluster = null;
        try {
            boolean team = database.engine() == DatabaseEngine.POSTGRESQL;
            UserTokens userTokens = SigningSecret.userTokens(config, database, team, clock);
            WireCodec codec = new WireCodec();
            AgentLinks agentLinks = new AgentLinks();
            NodePresence presence = new NodePresence(database.jdbi(), clock, agentLinks);
            presence.register();
            SessionChanges sessionChanges = new SessionChanges();
            ChangeBus<ApprovalRow> approvalChanges = new ChangeBus<>("approval");
            ChangeBus<HostRow> hostChanges = new ChangeBus<>("host");
            ChangeBus<String> eventSessions = new ChangeBus<>("event");
            ChangeBus<String> queuedCommands = new ChangeBus<>("queued command");
            ChangeBus<String> revokedTokens = new ChangeBus<>("revoked token");
            revokedTokens.listen(tokenIds -> tokenIds.forEach(agentLinks::closeToken));
            HostTokens hostTokens = new HostTokens(database.jdbi(), clock);
            Hosts hosts = new Hosts(database.jdbi(), clock, presence::online, hostChanges, codec.mapper());
            HostFeed hostFeed = new HostFeed(hosts, hostChanges);
            Sessions sessions = new Sessions(database.jdbi());
            Events events = new Events(database.jdbi(), codec);
            Snapshots snapshots = new Snapshots(database.jdbi());
            ConsoleRelay console = new ConsoleRelay(sessions, snapshots, agentLinks);
            hostChanges.listen(console::hostsChanged);
            Approvals approvals = new Approvals(database.jdbi(), clock, agentLinks, codec, approvalChanges);
            Commands commands = new Commands(database.jdbi(), clock, tuning.commandDeadline(), agentLinks, codec,
                    sessions, hosts, queuedCommands);
            Gauge.builder("agentcommander.approvals.pending", approvals, Approvals::countPending)
                    .description("approvals waiting for a decision").register(registry);
            HostPresence catchUp = new HostCatchUp(hosts, hostFeed, commands, approvals, console, presence);
            AgentSocket.Parts agentParts = new AgentSocket.Parts(approvals, snapshots, console,
                    new AgentFeeds(sessionChanges, approvalChanges, eventSessions, hostFeed::progressed), catchUp,
                    registry);
            UiTopics topics = new UiTopics(sessions, sessionChanges, approvals, approvalChanges, hosts, hostChanges,
                    events, eventSessions, uiReads, new ControlEvents(database.jdbi(), clock, eventSessions), console);
            String version = Version.current();
            UiSocket uiSocket = new UiSocket(userTokens, codec, topics, scheduler, clock, registry);
            storeWatch.listen(uiSocket::storeChanged);
            Javalin app = WebApp.create(codec, new AccessGuard(userTokens), List.of(
                    routes -> HealthRoutes.register(routes, database, version),
                    new MetricsRoutes(registry)::register,
                    MeRoutes::register,
                    new RefreshRoutes(userTokens)::register,
                    new GithubLoginRoutes(github, new GithubLogin(github, userTokens, codec), codec)::register,
                    new HostRoutes(hosts, hostTokens, codec,
                            tokenId -> revokedTokens.publish(List.of(tokenId)))::register,
                    new SessionRoutes(sessions)::register,
                    new EventRoutes(events, sessions)::register,
                    new ConsoleRoutes(snapshots, sessions)::register,
                    new CommandRoutes(commands, codec)::register,
                    new ApprovalRoutes(approvals, codec)::register,
                    new AgentSocket(hostTokens, agentLinks, database.jdbi(), clock, codec, agentParts,
                            applyExecutor, database.engine() == DatabaseEngine.H2 ? H2_HOSTS_PER_TRANSACTION
                            : POSTGRESQL_HOSTS_PER_TRANSACTION)::register,
                    uiSocket::register));
            if (team) {
                try {
                    cluster = Cluster.join(database.url(), database.jdbi(), codec.mapper(), presence,
                            new TeamFeeds(sessionChanges, approvalChanges, eventSessions, hostChanges, queuedCommands,
                                    revokedTokens),
                            new TeamReaders(sessions, approvals, hosts, commands, hostTokens, agentLinks), console,
                            snapshots);
                } catch (IllegalStateException e) {
                    throw new ConfigException(e.getMessage(), e);
                }
                Background.every(scheduler, NodePresence.HEARTBEAT, "team heartbeat", cluster::heartbeat);
            }
            listen(app, config);
            storeWatch.start();
            Background.every(scheduler, tuning.sweepInterval(), "command expiry", commands::expireOverdue);
            Background.every(scheduler, tuning.hostFeedInterval(), "host feed", hostFeed::flush);
            ControlPlane plane = new ControlPlane(database, presence, cluster, applyExecutor, scheduler, storeWatch,
                    uiReads, agentLinks, userTokens, app, localHost(config.host()));
            LOG.info("control plane {} listening on {} ({} database)", version, plane.httpUrl(), database.engine());
            return plane;
        } catch (RuntimeException e) {
            storeWatch.close();
            scheduler.shutdownNow();
            uiReads.shutdownNow();
            applyExecutor.shutdownNow();
            if (cluster != null) {
                cluster.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    public String httpUrl() {
        return "http://" + localHost + ":" + port();
    }

    public String agentWsUrl() {
        return "ws://" + localHost + ":" + port() + AgentSocket.PATH;
    }

    public String uiWsUrl() {
        return "ws://" + localHost + ":" + port() + UiSocket.PATH;
    }

    public DatabaseEngine databaseEngine() {
        return database.engine();
    }

    /** The Javalin app, so tests of this package can enumerate its routes (OpenApiRoutesTest). */
    Javalin javalin() {
        return app;
    }

    /** A user JWT signed with this control plane's secret (solo mode signs its local user in with it). */
    public String mintUserToken(Role role, String email, Duration ttl) {
        return userTokens.mint(role, email, ttl);
    }

    @Override
    public void close() {
        storeWatch.close();
        scheduler.shutdownNow();
        agentLinks.closeAll();
        app.stop();
        uiReads.shutdownNow();
        applyExecutor.shutdown();
        try {
            if (!applyExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                applyExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            applyExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (cluster != null) {
            cluster.close();
        }
        try {
            presence.unregister();
        } catch (RuntimeException e) {
            LOG.warn("cannot unregister this node: {}", e.toString());
        }
        database.close();
        LOG.info("control plane stopped");
    }

    private static Database openDatabase(ServerConfig config, PrometheusMeterRegistry registry) {
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(config.databaseUrl(), config.dataDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        if (config.databaseUrl() == null) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new ConfigException("cannot create the data directory " + config.dataDir() + ": " + e, e);
            }
        }
        try {
            return Database.open(url, registry);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the database " + url.display() + ": " + rootMessage(e), e);
        }
    }

    private static void listen(Javalin app, ServerConfig config) {
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.stop();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
    }

    private static String localHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
