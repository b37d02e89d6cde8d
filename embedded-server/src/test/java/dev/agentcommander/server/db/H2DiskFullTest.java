package dev.agentcommander.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.server.testing.TmpfsMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 control plane whose disk fills while writers commit, one row per transaction, as the agent link commits before
 * each ack: every write whose commit returned is in the file when it is opened again (what a restart finds), the
 * failures while the disk is full say the store is unavailable (503, not 500), and writing works again once space is
 * back. The disk is a real tmpfs (needs root, like agentd's {@code DiskFullTest}). With H2's default write delay the
 * first check failed in three runs of three.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class H2DiskFullTest {
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @Test
    void diskFullWhileWriting_everyConfirmedWriteSurvives_failuresAreUnavailable_andWritingResumes() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("h2"), 32)) {
            DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:file:" + disk.root().resolve("db"), dir);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try (Database database = Database.open(url)) {
                List<Future<?>> running = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int id = writer;
                    running.add(writers.submit(() -> write(database, id)));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> confirmed.size() >= 200);
                disk.fill();
                await().atMost(Duration.ofSeconds(20)).until(() -> failureCount() >= WRITERS);
                int confirmedWhileFull = confirmed.size();
                await().atMost(Duration.ofSeconds(20)).until(() -> failureCount() >= WRITERS * 20); // still full
                disk.free();
                await().atMost(Duration.ofSeconds(30)).until(() -> confirmed.size() >= confirmedWhileFull + 200);
                writing.set(false);
                for (Future<?> writer : running) {
                    writer.get(30, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }

            try (Database reopened = Database.open(url)) {
                Set<String> stored = new HashSet<>(reopened.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT setting_name FROM settings WHERE setting_name LIKE 'w%'").mapTo(String.class).list()));
                assertThat(stored).as("confirmed writes found after opening the file again")
                        .containsAll(confirmed);
            }
            synchronized (failures) {
                assertThat(failures).as("writes failed while the disk was full").isNotEmpty();
                assertThat(failures).as("each failure says the store is unavailable")
                        .allSatisfy(failure -> assertThat(SqlStates.isUnavailable(failure)).as(failure.toString())
                                .isTrue());
            }
        }
    }

    /** Inserts rows one per transaction, each confirmed once its commit returns; failures are kept, and it goes on. */
    private void write(Database database, int writer) {
        for (int n = 0; writing.get(); n++) {
            String name = "w" + writer + "-" + n;
            try {
                database.jdbi().useHandle(handle -> handle.execute(
                        "INSERT INTO settings (setting_name, setting_value) VALUES (?, ?)", name, "x".repeat(500)));
                confirmed.add(name);
            } catch (RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }
    }

    private int failureCount() {
        synchronized (failures) {
            return failures.size();
        }
    }
}
