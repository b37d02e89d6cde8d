package dev.agentcommander.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 group commit: a caller returns only after a checkpoint that began after its call, and callers that wait
 * together share one. The checkpoints here count themselves and can be held at their start, to place callers
 * in the middle of one; the last test runs the real {@code CHECKPOINT} on an H2 file database.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H2CheckpointsTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final AtomicInteger begun = new AtomicInteger();
    private final List<CountDownLatch> releases = new ArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** Checkpoint n (from 1) waits for {@code release(n)} when {@code held} says so. */
    private H2Checkpoints checkpoints(int held) {
        for (int i = 0; i <= held; i++) {
            releases.add(new CountDownLatch(1));
        }
        return new H2Checkpoints(() -> {
            int number = begun.incrementAndGet();
            if (number <= held) {
                try {
                    releases.get(number).await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** A thread calling {@code awaitDurable}, returned once it waits (for the checkpoint that runs). */
    private static Thread waiter(H2Checkpoints durability) {
        Thread thread = new Thread(durability::awaitDurable, "waiter");
        thread.start();
        await().until(() -> thread.getState() == Thread.State.TIMED_WAITING);
        return thread;
    }

    private void release(int number) {
        releases.get(number).countDown();
    }

    @Test
    void aCallerArrivingDuringACheckpoint_waitsForTheNextOne() throws Exception {
        H2Checkpoints durability = checkpoints(1);
        Future<?> first = callers.submit(durability::awaitDurable);
        await().until(() -> begun.get() == 1);
        Thread second = waiter(durability);
        // the second caller waits now; it must not start a checkpoint of its own
        assertThat(begun.get()).isEqualTo(1);
        assertThat(second.isAlive()).isTrue();

        release(1);
        first.get(5, TimeUnit.SECONDS);
        second.join(5_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(begun.get()).as("the running checkpoint may have begun before the second caller's commit")
                .isEqualTo(2);
    }

    @Test
    void callersWaitingTogether_shareOneCheckpoint() throws Exception {
        H2Checkpoints durability = checkpoints(1);
        Future<?> first = callers.submit(durability::awaitDurable);
        await().until(() -> begun.get() == 1);
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(waiter(durability));
        }

        release(1);
        first.get(5, TimeUnit.SECONDS);
        for (Thread caller : waiting) {
            caller.join(5_000);
            assertThat(caller.isAlive()).isFalse();
        }
        assertThat(begun.get()).isEqualTo(2);
    }

    @Test
    void aFailedCheckpoint_failsItsCaller_andTheNextCallerRunsAnother() {
        AtomicInteger attempts = new AtomicInteger();
        H2Checkpoints durability = new H2Checkpoints(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("No space left on device");
            }
        });

        assertThatThrownBy(durability::awaitDurable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not write the change to its file")
                .hasMessageContaining("No space left on device");
        durability.awaitDurable();
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void afterClose_aWaitFailsInsteadOfConfirming() {
        H2Checkpoints durability = checkpoints(0);
        durability.close();
        assertThatThrownBy(durability::awaitDurable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closing");
        assertThat(begun.get()).isZero();
    }

    @Test
    void onAnH2FileDatabase_aCommitStaysInMemoryUntilACheckpointWritesIt(@TempDir Path dir) throws Exception {
        // a long WRITE_DELAY keeps H2's own background writer out of the way
        Jdbi jdbi = Jdbi.create("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=100000");
        try (var keepOpen = jdbi.open()) {
            H2Checkpoints durability = new H2Checkpoints(jdbi);
            jdbi.useHandle(handle -> handle.execute("CREATE TABLE t (n INT)"));
            durability.awaitDurable();
            long beforeCommit = fileWrites(jdbi);
            jdbi.useHandle(handle -> handle.execute("INSERT INTO t VALUES (1)"));
            long afterCommit = fileWrites(jdbi);
            assertThat(afterCommit).as("a commit alone does not reach the file").isEqualTo(beforeCommit);

            durability.awaitDurable();
            assertThat(fileWrites(jdbi)).isGreaterThan(afterCommit);
        }
    }

    private static long fileWrites(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")
                .mapTo(Long.class).one());
    }
}
