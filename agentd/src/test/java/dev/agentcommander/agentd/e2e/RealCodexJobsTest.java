package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ClaudeConfig;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.testing.realclients.OfflineTmux;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spawn_job} through the real control plane, running the real {@code codex exec --json} offline (in the network
 * namespace of an {@link OfflineTmux}, against its scripted model server): every JSON line arrives as a
 * {@code codex.event}, and the job's session ends {@code done} or {@code error} for the right reason.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealCodexJobsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A control plane, an agentd whose codex runs offline, and a work dir jobs may run in. */
    private final class Rig implements AutoCloseable {
        final ControlPlaneFixture cp;
        final OfflineTmux offline;
        final ControlPlaneFixture.Host host;
        final Path work;
        Agentd agentd;

        Rig(String script) throws Exception {
            cp = ControlPlaneFixture.h2(dir.resolve("cp"));
            offline = OfflineTmux.start(Files.createDirectories(dir.resolve("offline")), script);
            host = cp.createHost("codex-jobs");
            work = Files.createDirectories(dir.resolve("work"));
            agentd = Agentd.start(config());
        }

        AgentConfig config() throws Exception {
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            return new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile),
                    new TmuxConfig(TmuxConfig.DEFAULT_BIN, offline.socket().toString(), 500),
                    new StorageConfig(dir.resolve("state")),
                    new ProvidersConfig(new CodexConfig(offline.codexExecutable(dir).toString(), 600), ClaudeConfig.defaults()),
                    HooksConfig.defaults(), new GitConfig(5000), new WorkspacesConfig(List.of(dir), null));
        }

        /** Posts {@code spawn_job}; returns the job's session id from the completed command. */
        String spawn(String prompt, Integer timeoutS) {
            String body = new WireCodec().mapper().createObjectNode().put("type", "spawn_job").put("cwd", work.toString())
                    .put("prompt", prompt).put("timeout_s", timeoutS).toString();
            String commandId = cp.issueHostCommand(host.hostId(), body);
            JsonNode done = await().atMost(WAIT).until(() -> cp.command(commandId),
                    c -> !c.path("status").asText().equals("queued") && !c.path("status").asText().equals("sent"));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            return done.path("result").path("session_id").asText();
        }

        SessionRow awaitEnd(String sessionId) {
            return await().atMost(WAIT).until(() -> row(sessionId),
                    row -> row.isPresent() && row.get().status() != SessionStatus.RUNNING).orElseThrow();
        }

        Optional<SessionRow> row(String sessionId) {
            return cp.sessions(host.hostId()).stream().filter(r -> r.sessionId().equals(sessionId)).findFirst();
        }

        /** The types of the job's codex.event payloads, in order. */
        List<String> codexTypes(String sessionId) {
            List<String> types = new ArrayList<>();
            for (JsonNode event : cp.events(sessionId)) {
                if (event.get("event_type").asText().equals("codex.event")) {
                    types.add(event.path("payload").path("type").asText());
                }
            }
            return types;
        }

        @Override
        public void close() throws Exception {
            if (agentd != null) {
                agentd.close();
            }
            offline.close();
            cp.close();
        }
    }

    @Test
    void aJobThatRunsACommand_streamsEveryLineInOrder_andEndsDone() throws Exception {
        try (Rig rig = new Rig("{\"openai\": [{\"exec\": \"echo hello-from-the-job\"}, {\"text\": \"All done.\"}]}")) {
            String sessionId = rig.spawn("-say hello (a prompt that starts with a dash)", null);

            SessionRow ended = rig.awaitEnd(sessionId);

            assertThat(ended.status()).isEqualTo(SessionStatus.DONE);
            assertThat(ended.provider()).isEqualTo(Provider.CODEX);
            assertThat(ended.tmux()).isNull();
            assertThat(ended.cwd()).isEqualTo(rig.work.toRealPath().toString());
            assertThat(ended.statusReason()).startsWith("codex: turn completed (1 command run)");
            await().atMost(WAIT).until(() -> rig.codexTypes(sessionId).contains("turn.completed"));
            assertThat(rig.codexTypes(sessionId)).containsSubsequence("thread.started", "turn.started",
                    "item.started", "item.completed", "item.completed", "turn.completed");
            assertThat(rig.cp.events(sessionId)).anySatisfy(event -> assertThat(event.path("payload").path("item")
                    .path("aggregated_output").asText()).isEqualTo("hello-from-the-job\n"));
            assertThat(rig.cp.events(sessionId)).anySatisfy(event -> assertThat(event.path("payload").path("item")
                    .path("text").asText()).isEqualTo("All done."));
            assertThat(rig.offline.requests().get(0).path("body").toString()).contains("-say hello");
        }
    }

    @Test
    void aModelThatFails_endsTheJobInError_withItsMessage() throws Exception {
        try (Rig rig = new Rig("{\"openai\": [{\"status\": 400, \"message\": \"model rejected the request\"}]}")) {
            String failed = rig.spawn("this will fail", null);
            SessionRow ended = rig.awaitEnd(failed);
            assertThat(ended.status()).isEqualTo(SessionStatus.ERROR);
            assertThat(ended.needsAttention()).isTrue();
            assertThat(ended.statusReason()).startsWith("codex: turn failed: ").contains("model rejected the request");
        }
    }

    @Test
    void aModelCallCodexRetries_doesNotFailTheJob() throws Exception {
        try (Rig rig = new Rig("{\"openai\": [{\"status\": 500, \"message\": \"overloaded\"}, "
                + "{\"text\": \"Recovered.\"}]}")) {
            String recovered = rig.spawn("this recovers", null);
            assertThat(rig.awaitEnd(recovered).status()).isEqualTo(SessionStatus.DONE);
            assertThat(rig.codexTypes(recovered)).contains("turn.completed");
            assertThat(rig.offline.requests()).extracting(r -> r.path("step").path("status").asInt())
                    .contains(500);
        }
    }

    @Test
    void deadlineAndInterrupt_stopTheWholeJob_withTheReason() throws Exception {
        try (Rig rig = new Rig("{\"openai\": [{\"text\": \"too late\", \"delay_ms\": 60000}, "
                + "{\"text\": \"too late\", \"delay_ms\": 60000}]}")) {
            String timedOut = rig.spawn("hang", 3);
            SessionRow ended = rig.awaitEnd(timedOut);
            assertThat(ended.status()).isEqualTo(SessionStatus.ERROR);
            assertThat(ended.statusReason()).startsWith("timed out after 3 s");

            String interrupted = rig.spawn("hang again", null);
            await().atMost(WAIT).until(() -> rig.codexTypes(interrupted).contains("turn.started"));
            String interrupt = rig.cp.issueCommand(interrupted, "{\"type\":\"interrupt\"}");
            await().atMost(WAIT).until(() -> rig.cp.command(interrupt).path("status").asText().equals("completed"));
            SessionRow stopped = rig.awaitEnd(interrupted);
            assertThat(stopped.statusReason()).startsWith("interrupted by the operator");
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                    .contains("hang again")).count()).isZero();
        }
    }

    @Test
    void aJobRunningWhenAgentdStops_isReportedAsAnError() throws Exception {
        try (Rig rig = new Rig("{\"openai\": [{\"text\": \"never\", \"delay_ms\": 60000}]}")) {
            String sessionId = rig.spawn("outlive agentd", null);
            await().atMost(WAIT).until(() -> rig.codexTypes(sessionId).contains("turn.started"));

            rig.agentd.close();
            rig.agentd = Agentd.start(rig.config());

            SessionRow ended = rig.awaitEnd(sessionId);
            assertThat(ended.status()).isEqualTo(SessionStatus.ERROR);
            assertThat(ended.statusReason()).startsWith("agentd stopped while the job ran");
        }
    }
}
