package dev.agentcommander.agentd.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way agentd runs git, on a real repository. */
class GitTest {
    @TempDir
    Path dir;

    @Test
    void status_leavesTheIndexAlone_soThePersonsOwnGitCommandsNeverMeetAgentdsLock() throws Exception {
        Git.run(dir, "init", "-q", "-b", "main");
        Git.run(dir, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "--allow-empty", "-m", "0");
        Path file = Files.writeString(dir.resolve("a.txt"), "a\n");
        Git.run(dir, "add", "a.txt");
        // same content, newer mtime: the index's stat data is stale, and a plain `git status` would rewrite it
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        Path index = dir.resolve(".git/index");
        byte[] before = Files.readAllBytes(index);
        FileTime modifiedBefore = Files.getLastModifiedTime(index);

        String status = Git.run(dir, "status", "--porcelain=v2", "--branch");

        assertThat(status).contains("a.txt");
        assertThat(Files.readAllBytes(index)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(index)).isEqualTo(modifiedBefore);
        assertThat(dir.resolve(".git/index.lock")).doesNotExist();
    }
}
