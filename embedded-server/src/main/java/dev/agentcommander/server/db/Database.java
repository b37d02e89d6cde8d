package dev.agentcommander.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's database: one Hikari pool, migrated by Flyway on open, reached through JDBI.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseUrl url;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final ExecutorService healthChecks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "db-health");
        thread.setDaemon(true);
        return thread;
    });
    /** The newest health check; guarded by {@code this}. */
    private CompletableFuture<Boolean> healthCheck;

    private Database(DatabaseUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        InstantMapping.install(jdbi);
    }

    /** Opens the pool and migrates the schema to the newest version; closes the pool again if that fails. */
    public static Database open(DatabaseUrl url) {
        return open(url, null);
    }

    /** As {@link #open(DatabaseUrl)}, with the pool's timings (connection wait, usage) in {@code registry}. */
    public static Database open(DatabaseUrl url, MeterRegistry registry) {
        HikariConfig config = poolConfig(url);
        if (registry != null) {
            config.setMetricRegistry(registry);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("database {} at schema version {} ({} migration(s) applied)", url.display(),
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
            return new Database(url, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Where the database is, e.g. for a connection outside the pool (the team-mode listener). */
    public DatabaseUrl url() {
        return url;
    }

    public DatabaseEngine engine() {
        return url.engine();
    }

    /**
     * Whether the database answers a trivial query within {@code wait}. The query runs on a thread of its own, one at
     * a time: while the database hangs (the pool waits up to 10 s for a connection), callers share the running check
     * instead of piling up.
     */
    public boolean reachable(Duration wait) {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (healthCheck == null || healthCheck.isDone()) {
                healthCheck = CompletableFuture.supplyAsync(this::reachable, healthChecks);
            }
            check = healthCheck;
        }
        try {
            return check.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("database health check: no answer within {}", wait);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the database answers a trivial query now. */
    public boolean reachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.debug("database health check failed: {}", e.toString()); // StoreWatch logs the outage once
            return false;
        }
    }

    @Override
    public void close() {
        healthChecks.shutdownNow();
        pool.close();
    }

    private static HikariConfig poolConfig(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("agent-commander-db");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        if (url.engine() == DatabaseEngine.H2) {
            config.setExceptionOverride(new H2ClosedEviction());
        }
        if (url.engine() == DatabaseEngine.POSTGRESQL) {
            // turns JDBC batches into multi-row INSERTs: the agent apply path batches events
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }
}
