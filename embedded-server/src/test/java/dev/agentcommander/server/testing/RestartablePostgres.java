package dev.agentcommander.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A private PostgreSQL on a fixed data dir and port, so a test can stop it (an outage) and start it again where
 * its clients expect it.
 */
public final class RestartablePostgres {
    private final Path dataDir;
    private final int port;

    public RestartablePostgres(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /** Starts it (again); close the result to stop it. */
    public EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
