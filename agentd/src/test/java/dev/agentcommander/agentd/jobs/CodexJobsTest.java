package dev.agentcommander.agentd.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.testing.MemoryQueue;
import dev.agentcommander.agentd.workspace.Workspaces;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.command.SpawnJob;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs outliving the agentd that started them (a crash: it never got to stop them). */
class CodexJobsTest {
    @TempDir
    Path dir;

    @Test
    void aJobLeftRunningByADeadAgentd_isReportedAsAnErrorByTheNextOne() throws Exception {
        Path codex = dir.resolve("slow-codex.sh");
        Files.writeString(codex, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwx------"));
        CodexConfig config = new CodexConfig(codex.toString(), 600);
        Workspaces workspaces = new Workspaces(new WorkspacesConfig(List.of(dir), null), dir.resolve("state"));
        WireCodec codec = new WireCodec();
        MemoryQueue first = new MemoryQueue();
        CodexJobs died = new CodexJobs(config, workspaces, dir.resolve("state"), first, codec.mapper(),
                Clock.systemUTC());
        try {
            String sessionId = died.start(new SpawnJob(dir.toString(), "take a while", null));
            assertThat(first.rows()).extracting(SessionRow::status).containsExactly(SessionStatus.RUNNING);

            MemoryQueue next = new MemoryQueue();
            CodexJobs restarted = new CodexJobs(config, workspaces, dir.resolve("state"), next, codec.mapper(),
                    Clock.systemUTC());
            restarted.reportOrphans();

            assertThat(next.rows()).hasSize(1);
            SessionRow reported = next.rows().get(0);
            assertThat(reported.sessionId()).isEqualTo(sessionId);
            assertThat(reported.status()).isEqualTo(SessionStatus.ERROR);
            assertThat(reported.statusReason()).startsWith("agentd stopped while the job ran");
            restarted.reportOrphans();
            assertThat(next.rows()).as("reported once").hasSize(1);
            restarted.close();
        } finally {
            died.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> first.rows().size() == 2);
        assertThat(first.rows().get(1).statusReason()).startsWith("agentd stopped while the job ran");
    }
}
