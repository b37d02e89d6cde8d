package dev.agentcommander.chaos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.load.HookLoad;
import dev.agentcommander.chaos.verify.DeliveryCount;
import dev.agentcommander.chaos.verify.StoredEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A control plane and the agentd hosts reporting to it, with one hook load per host. Owned by the scenario thread;
 * the loads run on their own threads.
 */
public final class Fleet implements AutoCloseable {
    private final ServerProcess server;
    private final ControlPlaneApi api;
    private final List<AgentdHost> hosts = new ArrayList<>();
    private final List<HookLoad> loads = new ArrayList<>();
    private final List<Thread> loadThreads = new ArrayList<>();

    private Fleet(ServerProcess server, ControlPlaneApi api) {
        this.server = server;
        this.api = api;
    }

    /** Starts the server on an H2 file database in {@code dir}. */
    public static Fleet start(Jars jars, Path dir) throws IOException, InterruptedException {
        return start(jars, dir, List.of());
    }

    /** Starts the server on the database at {@code databaseUrl} (a PostgreSQL for team mode). */
    public static Fleet start(Jars jars, Path dir, String databaseUrl) throws IOException, InterruptedException {
        return start(jars, dir, databaseUrl, List.of());
    }

    /** Starts the server on an H2 file database in {@code dir/db}, through {@code launcher} (an argv prefix). */
    public static Fleet start(Jars jars, Path dir, List<String> launcher) throws IOException, InterruptedException {
        return start(jars, dir, "jdbc:h2:file:" + dir.resolve("db/control-plane"), launcher);
    }

    private static Fleet start(Jars jars, Path dir, String databaseUrl, List<String> launcher)
            throws IOException, InterruptedException {
        ServerProcess server = new ServerProcess(jars, databaseUrl, dir);
        server.launchedThrough(launcher);
        ControlPlaneApi api = new ControlPlaneApi(server.port());
        api.token(server.mintAdminToken());
        server.start(api);
        return new Fleet(server, api);
    }

    public ServerProcess server() {
        return server;
    }

    public ControlPlaneApi api() {
        return api;
    }

    public List<AgentdHost> hosts() {
        return hosts;
    }

    public List<HookLoad> loads() {
        return loads;
    }

    /**
     * Creates and starts {@code count} agentd hosts; {@code agentUrl} gives host i's control-plane URL. Returns
     * once every host's first pane has a session row at the control plane and its hook receiver is up.
     */
    public void addHosts(Jars jars, Path dir, int count, Duration ackTimeout, IntFunction<String> agentUrl)
            throws IOException, InterruptedException {
        addHosts(jars, dir, count, ackTimeout, agentUrl, "");
    }

    /** As above, numbering on from the hosts already added, with {@code moreConfig} appended to each config. */
    public void addHosts(Jars jars, Path dir, int count, Duration ackTimeout, IntFunction<String> agentUrl,
                         String moreConfig) throws IOException, InterruptedException {
        for (int i = hosts.size(), end = hosts.size() + count; i < end; i++) {
            AgentdHost host = AgentdHost.create("host-" + i, api, jars, dir.resolve("host-" + i), agentUrl.apply(i),
                    ackTimeout, moreConfig);
            hosts.add(host);
            host.start();
        }
        for (AgentdHost host : hosts) {
            awaitSession(host, host.tmux().paneIds().get(0));
        }
    }

    /**
     * Creates one more host whose state dir is a tmpfs of {@code stateMegabytes} only its agentd sees
     * ({@link AgentdHost#stateOnTmpfs}); returns once its first pane is a session.
     */
    public AgentdHost addHostOnTmpfs(Jars jars, Path dir, Duration ackTimeout, int stateMegabytes)
            throws IOException, InterruptedException {
        AgentdHost host = AgentdHost.create("host-" + hosts.size(), api, jars, dir.resolve("host-" + hosts.size()),
                server.agentUrl(), ackTimeout);
        hosts.add(host);
        host.stateOnTmpfs(stateMegabytes);
        host.start();
        awaitSession(host, host.tmux().paneIds().get(0));
        return host;
    }

    /** The session id of a host's pane, once the control plane has its row. */
    public String awaitSession(AgentdHost host, String paneId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> id = sessionOf(host, paneId);
            if (id.isPresent() && host.hookEndpointWritten()) {
                return id.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(host.name() + ": pane " + paneId + " never showed up as a session");
    }

    private Optional<String> sessionOf(AgentdHost host, String paneId) {
        try {
            for (JsonNode row : api.sessions(host.hostId())) {
                if (paneId.equals(row.path("tmux").path("pane_id").asText())) {
                    return Optional.of(row.path("session_id").asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // the server is restarting
        }
        return Optional.empty();
    }

    /** Starts one load thread per host, {@code perHost} hooks each. */
    public void startLoad(long perHost) throws IOException, InterruptedException {
        for (AgentdHost host : hosts) {
            HookLoad load = new HookLoad(host, host.tmux().paneIds().get(0), perHost, api.json());
            loads.add(load);
            Thread thread = new Thread(load, "load-" + host.name());
            thread.setDaemon(true);
            loadThreads.add(thread);
            thread.start();
        }
    }

    /** Hooks sent so far, all hosts together. */
    public long sent() {
        return loads.stream().mapToLong(HookLoad::sent).sum();
    }

    public void awaitSent(long atLeast, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (sent() < atLeast && System.nanoTime() < deadline && loadThreads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(20);
        }
    }

    public void stopLoad() throws InterruptedException {
        loads.forEach(HookLoad::stop);
        for (Thread thread : loadThreads) {
            thread.join(30_000);
        }
    }

    /**
     * Waits for the loads to end and every answered hook to be stored (or {@code atMost}), then counts what the
     * control plane holds against what was sent.
     */
    public DeliveryCount settle(Duration atMost) throws IOException, InterruptedException {
        for (Thread thread : loadThreads) {
            thread.join(atMost.toMillis());
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            DeliveryCount total = count();
            if (total.lost() == 0 || System.nanoTime() > deadline) {
                return total;
            }
            Thread.sleep(2_000);
        }
    }

    public DeliveryCount count() throws IOException {
        DeliveryCount total = DeliveryCount.none();
        for (HookLoad load : loads) {
            total = total.plus(StoredEvents.count(api, load));
        }
        return total;
    }

    /** The highest seq each host has stored, in host order (-1 where the server cannot answer). */
    public List<Long> ackedSeqs() {
        return hosts.stream().map(host -> api.lastAckedSeq(host.hostId()).orElse(-1L)).toList();
    }

    @Override
    public void close() throws Exception {
        loads.forEach(HookLoad::stop);
        Exception failure = null;
        for (AgentdHost host : hosts) {
            try {
                host.close();
            } catch (IOException | InterruptedException e) {
                failure = e;
            }
        }
        server.close();
        if (failure != null) {
            throw failure;
        }
    }
}
