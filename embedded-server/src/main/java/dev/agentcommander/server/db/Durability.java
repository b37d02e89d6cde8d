package dev.agentcommander.server.db;

import java.time.Duration;

/**
 * When committed writes are safe from a crash of this process, so that what the outside world is told (an agent's
 * {@code agent.ack}, a REST answer to a write, a command sent to an agent) never runs ahead of what a restart would
 * find. On PostgreSQL a commit is durable when it returns ({@link #atCommit()}); on H2 commits stay in memory and a
 * {@code CHECKPOINT} writes every commit made before it to the file ({@link H2Checkpoints}): one write for many
 * commits, a group commit. Thread-safe.
 */
public interface Durability extends AutoCloseable {
    /** How long a caller of {@link #awaitDurable()} waits before giving up. */
    Duration MAX_WAIT = Duration.ofSeconds(30);

    /** Durable at commit: nothing to wait for. */
    static Durability atCommit() {
        return new Durability() {
            @Override
            public void awaitDurable() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Blocks until every commit that returned before this call is durable.
     *
     * @throws IllegalStateException if the database fails to make them durable, or takes longer than
     *     {@link #MAX_WAIT}
     */
    void awaitDurable();

    @Override
    void close();
}
