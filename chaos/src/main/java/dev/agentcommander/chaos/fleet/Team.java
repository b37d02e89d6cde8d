package dev.agentcommander.chaos.fleet;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Team mode: a private PostgreSQL and two control-plane nodes on it, node A being the fleet's server (its hosts are
 * added through the fleet) and node B a second process with its own port and logs ({@code dir/node-b}). Owned by the
 * scenario thread.
 */
public final class Team implements AutoCloseable {
    private final PrivatePostgres postgres;
    private final Fleet fleet;
    private final ServerProcess nodeB;
    private final ControlPlaneApi apiB;

    private Team(PrivatePostgres postgres, Fleet fleet, ServerProcess nodeB, ControlPlaneApi apiB) {
        this.postgres = postgres;
        this.fleet = fleet;
        this.nodeB = nodeB;
        this.apiB = apiB;
    }

    /** Starts PostgreSQL, then both nodes side by side; returns once both answer {@code /health}. */
    public static Team start(Jars jars, Path dir) throws Exception {
        PrivatePostgres postgres = PrivatePostgres.start(dir.resolve("postgres"));
        ServerProcess nodeB = null;
        Fleet fleet = null;
        try {
            nodeB = new ServerProcess(jars, postgres.databaseUrl(), Files.createDirectories(dir.resolve("node-b")));
            nodeB.launch();
            fleet = Fleet.start(jars, dir, postgres.databaseUrl());
            ControlPlaneApi apiB = new ControlPlaneApi(nodeB.port());
            apiB.token(fleet.api().token()); // one JWT_SECRET: node A's admin token works on node B
            nodeB.awaitHealthy(apiB);
            return new Team(postgres, fleet, nodeB, apiB);
        } catch (Exception e) {
            closeAll(e, nodeB, fleet, postgres);
            throw e;
        }
    }

    public PrivatePostgres postgres() {
        return postgres;
    }

    public Fleet fleet() {
        return fleet;
    }

    public ServerProcess nodeB() {
        return nodeB;
    }

    /** Node B's REST API, as the fleet's admin. */
    public ControlPlaneApi apiB() {
        return apiB;
    }

    @Override
    public void close() throws Exception {
        Exception failure = closeAll(null, fleet, nodeB, postgres);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each in order (nulls skipped); failures are joined onto {@code first}, returned. */
    private static Exception closeAll(Exception first, AutoCloseable... parts) {
        Exception failure = first;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
