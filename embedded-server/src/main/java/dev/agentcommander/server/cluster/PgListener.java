package dev.agentcommander.server.cluster;

import dev.agentcommander.server.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on the team channel over one dedicated connection (not from the pool: a pooled connection would be
 * handed out and its LISTEN lost). When the connection breaks it reconnects with backoff, then calls
 * {@code onReconnect} with when it was lost: notifications sent while it was down are lost, so the receiver
 * resyncs. Thread-safe; its own thread reads.
 */
final class PgListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** A connection that silently died (no reset) never fails a poll: a query now and then finds out. */
    private static final long PING_MILLIS = 10_000;
    private static final int PING_TIMEOUT_SECONDS = 5;

    private final DatabaseUrl url;
    private final String channel;
    private final String applicationName;
    private final Consumer<String> onPayload;
    private final Consumer<Instant> onReconnect;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    PgListener(DatabaseUrl url, String channel, String applicationName, Consumer<String> onPayload,
            Consumer<Instant> onReconnect) {
        this.url = url;
        this.channel = channel;
        this.applicationName = applicationName;
        this.onPayload = onPayload;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::run, "cluster-listen");
        thread.setDaemon(true);
    }

    /** Connects and LISTENs on the caller's thread (so a bad URL fails the start), then reads in the background. */
    void start() throws SQLException {
        connection = connect();
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        closeQuietly(connection);
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        Instant lostAt = null;
        long lastPing = System.nanoTime();
        while (running) {
            try {
                if (connection == null) {
                    connection = connect();
                    LOG.info("team channel listener reconnected; resyncing");
                    backoff = MIN_BACKOFF_MILLIS;
                    onReconnect.accept(lostAt);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        onPayload.accept(notification.getParameter());
                    }
                }
                if (System.nanoTime() - lastPing > PING_MILLIS * 1_000_000) {
                    ping(connection);
                    lastPing = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("team channel listener lost its connection (retry in {} ms): {}", backoff, e.toString());
                closeQuietly(connection);
                if (connection != null) {
                    lostAt = Instant.now();
                }
                connection = null;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private static void ping(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PING_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        Connection opened = DriverManager.getConnection(url.jdbcUrl(), properties);
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + channel);
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
        return opened;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the listener connection: {}", e.toString());
            }
        }
    }
}
