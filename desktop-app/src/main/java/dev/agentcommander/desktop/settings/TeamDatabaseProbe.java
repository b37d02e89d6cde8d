package dev.agentcommander.desktop.settings;

import dev.agentcommander.server.db.DatabaseEngine;
import dev.agentcommander.server.db.DatabaseUrl;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection": opens one real JDBC connection to a team database, with short timeouts, and says what answered
 * or what to do. {@link #check} blocks; {@link #checkInBackground} runs it on its own daemon thread. Thread-safe.
 */
public final class TeamDatabaseProbe {
    private static final Logger LOG = LoggerFactory.getLogger(TeamDatabaseProbe.class);

    private final Duration timeout;

    public TeamDatabaseProbe(Duration timeout) {
        this.timeout = timeout;
    }

    public CompletableFuture<DatabaseCheck> checkInBackground(String url) {
        return CompletableFuture.supplyAsync(() -> check(url), runnable -> {
            Thread thread = new Thread(runnable, "team-database-check");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Blocks for up to about the timeout; never throws. */
    public DatabaseCheck check(String url) {
        DatabaseUrl parsed;
        try {
            parsed = parse(url);
        } catch (IllegalArgumentException e) {
            return DatabaseCheck.failed("Not a PostgreSQL URL: " + e.getMessage(),
                    "Write it as jdbc:postgresql://host:5432/db?user=name&password=secret or "
                            + "postgres://name:secret@host:5432/db.");
        }
        Properties properties = new Properties();
        if (parsed.user() != null) {
            properties.setProperty("user", parsed.user());
        }
        if (parsed.password() != null) {
            properties.setProperty("password", parsed.password());
        }
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "Agent Commander connection test");
        try (Connection connection = new org.postgresql.Driver().connect(parsed.jdbcUrl(), properties)) {
            DatabaseMetaData meta = connection.getMetaData();
            LOG.info("Team database {} answered: {} {}", parsed.display(), meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion());
            return DatabaseCheck.reached("Connected: " + meta.getDatabaseProductName() + " "
                    + meta.getDatabaseProductVersion() + ", database \"" + connection.getCatalog() + "\" as "
                    + meta.getUserName() + ".");
        } catch (SQLException e) {
            LOG.info("Team database {} did not answer: {}", parsed.display(), e.getMessage());
            return failure(e);
        }
    }

    /** {@code jdbc:postgresql:…} or {@code postgres://…}; an H2 URL or anything else is refused. */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the URL is empty");
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url, null);
        if (parsed.engine() != DatabaseEngine.POSTGRESQL) {
            throw new IllegalArgumentException("a team shares a PostgreSQL database; " + TeamDatabase.redacted(url)
                    + " is not one");
        }
        return parsed;
    }

    private DatabaseCheck failure(SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Throwable cause = error.getCause();
        if (cause instanceof UnknownHostException) {
            return DatabaseCheck.failed("Cannot connect: unknown host " + cause.getMessage() + ".",
                    "Check the host name in the URL, and this machine's DNS or VPN.");
        }
        if (cause instanceof SocketTimeoutException) {
            return DatabaseCheck.failed("Cannot connect: no answer within " + timeout.toSeconds() + " s.",
                    "Check the host and port, and that no firewall drops connections to PostgreSQL.");
        }
        if (cause instanceof ConnectException) {
            return DatabaseCheck.failed("Cannot connect: " + message,
                    "Nothing accepts connections there: check the host and port, and that PostgreSQL runs and "
                            + "listens on the network (listen_addresses).");
        }
        return switch (state) {
            case "28P01", "08004" -> DatabaseCheck.failed("Sign-in refused: " + message,
                    "Check the user name and password in the URL.");
            case "28000" -> DatabaseCheck.failed("Not allowed: " + message,
                    "The server does not accept this user from this machine: ask its admin to add a line to "
                            + "pg_hba.conf.");
            case "3D000" -> DatabaseCheck.failed("No such database: " + message,
                    "Check the database name, or create it (CREATE DATABASE …) first.");
            default -> DatabaseCheck.failed("Cannot connect: " + message,
                    "Check the URL and that the database is reachable from this machine.");
        };
    }
}
