package dev.agentcommander.agentd.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.model.GitInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git state of working directories on a real repository: cached, refreshed only after the TTL and new activity. */
class GitMetadataTest {
    @TempDir
    Path dir;

    @Test
    void readsRepoBranchAndDirty_inTheBackground_andRefreshesOnlyWhenExpiredAndActive() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        run(repo, "git", "init", "-q", "-b", "main");
        run(repo, "git", "-c", "user.email=t@e", "-c", "user.name=T", "commit", "-q", "--allow-empty", "-m", "x");
        Path sub = Files.createDirectories(repo.resolve("src"));
        AtomicInteger changes = new AtomicInteger();
        try (GitMetadata git = new GitMetadata(Duration.ofMillis(300), Clock.systemUTC(), changes::incrementAndGet)) {
            Instant active = Instant.parse("2026-11-24T10:00:00Z");
            assertThat(git.lookup(sub.toString(), active)).as("not known yet: the poll does not wait").isNull();
            GitInfo clean = new GitInfo(repo.toRealPath().toString(), "main", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> clean.equals(git.lookup(sub.toString(), active)));
            assertThat(changes.get()).isEqualTo(1);

            Files.writeString(sub.resolve("new.txt"), "x");
            Thread.sleep(600);
            for (int i = 0; i < 5; i++) {
                assertThat(git.lookup(sub.toString(), active)).as("an idle pane is not re-read").isEqualTo(clean);
                Thread.sleep(100);
            }
            Instant later = active.plusSeconds(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> new GitInfo(clean.repo(), "main", true)
                    .equals(git.lookup(sub.toString(), later)));
            assertThat(changes.get()).isEqualTo(2);

            Path plain = Files.createDirectories(dir.resolve("plain"));
            git.lookup(plain.toString(), active);
            Thread.sleep(500);
            assertThat(git.lookup(plain.toString(), active)).isNull();
            assertThat(git.lookup(null, active)).isNull();
        }
    }

    @Test
    void aBranchWithAnUpstream_saysHowFarItIsAheadAndBehind() throws Exception {
        Path origin = Files.createDirectories(dir.resolve("origin"));
        run(origin, "git", "init", "-q", "-b", "main");
        commit(origin, "one");
        run(dir, "git", "clone", "-q", origin.toString(), "clone");
        Path clone = dir.resolve("clone");
        commit(clone, "mine 1");
        commit(clone, "mine 2");
        commit(origin, "theirs");
        run(clone, "git", "fetch", "-q");
        try (GitMetadata git = new GitMetadata(Duration.ofMillis(300), Clock.systemUTC(), () -> { })) {
            Instant active = Instant.parse("2026-11-24T10:00:00Z");
            git.lookup(clone.toString(), active);
            await().atMost(Duration.ofSeconds(10)).until(() -> new GitInfo(clone.toRealPath().toString(), "main", false,
                    2, 1).equals(git.lookup(clone.toString(), active)));
            git.lookup(origin.toString(), active);
            await().atMost(Duration.ofSeconds(10)).until(() -> new GitInfo(origin.toRealPath().toString(), "main",
                    false).equals(git.lookup(origin.toString(), active)));
        }
    }

    private static void commit(Path repo, String message) throws Exception {
        run(repo, "git", "-c", "user.email=t@e", "-c", "user.name=T", "commit", "-q", "--allow-empty", "-m", message);
    }

    private static void run(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + out);
        }
    }
}
