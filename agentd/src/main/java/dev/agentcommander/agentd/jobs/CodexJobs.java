package dev.agentcommander.agentd.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.internal.DurableFiles;
import dev.agentcommander.agentd.workspace.WorkspaceException;
import dev.agentcommander.agentd.workspace.Workspaces;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.SpawnJob;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codex jobs ({@code spawn_job}): {@code codex exec --json} runs, each a session with provider {@code codex} and no
 * pane, reported through the outbox ({@code running}, then {@code done} or {@code error}). A job still running
 * when agentd stops is stopped; one that was running when agentd died is reported {@code error} at the next start
 * (a marker file per running job in {@code <state_dir>/jobs}). Thread-safe.
 */
public final class CodexJobs implements AutoCloseable {
    static final String STOPPED = "agentd stopped while the job ran";
    static final int MAX_PROMPT_CHARS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(CodexJobs.class);

    private record Running(CodexJob job, SessionRow row) {
    }

    private final CodexConfig config;
    private final Workspaces workspaces;
    private final Path dir;
    private final DurableQueue queue;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService threads;

    public CodexJobs(CodexConfig config, Workspaces workspaces, Path stateDir, DurableQueue queue, ObjectMapper json,
                     Clock clock) {
        this.config = config;
        this.workspaces = workspaces;
        this.dir = stateDir.resolve("jobs");
        this.queue = queue;
        this.json = json;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "codex-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Validates the job, starts codex and reports the new session {@code running}.
     *
     * @return the job's session id
     */
    public String start(SpawnJob spawn) throws JobRefusedException {
        Path cwd = validCwd(spawn.cwd());
        if (spawn.prompt().length() > MAX_PROMPT_CHARS) {
            throw new JobRefusedException("prompt is " + spawn.prompt().length() + " characters; at most "
                    + MAX_PROMPT_CHARS);
        }
        Duration deadline = Duration.ofSeconds(spawn.timeoutS() != null ? spawn.timeoutS() : config.defaultTimeoutS());
        String sessionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        SessionRow row = row(sessionId, cwd, spawn.prompt(), SessionStatus.RUNNING,
                "codex exec started at " + now + " (deadline " + deadline.toSeconds() + " s)", now);
        Path marker = dir.resolve(sessionId + ".json");
        try {
            Files.createDirectories(dir);
            DurableFiles.write(marker, json.writeValueAsString(row));
        } catch (IOException e) {
            throw new JobRefusedException("cannot record the job in " + dir + ": " + e.getMessage(), e);
        }
        ProcessBuilder command = new ProcessBuilder(config.execPath(), "exec", "--json", "--sandbox", "workspace-write",
                "--skip-git-repo-check", "--", spawn.prompt()).directory(cwd.toFile());
        try {
            // before codex runs: the control plane stores the job's events only once it has the session's row
            queue.append(new SessionsUpsert(List.of(row)));
        } catch (OutboxException e) {
            DurableFiles.deleteQuietly(marker, e);
            throw new JobRefusedException("cannot queue the job's session: " + e.getMessage(), e);
        }
        CodexJob job;
        try {
            job = CodexJob.start(sessionId, command, queue, json);
        } catch (IOException e) {
            report(row(sessionId, cwd, spawn.prompt(), SessionStatus.ERROR,
                    "cannot start codex (providers.codex.exec_path '" + config.execPath() + "'): " + e.getMessage(),
                    clock.instant()));
            DurableFiles.deleteQuietly(marker, e);
            throw new JobRefusedException("cannot start codex (providers.codex.exec_path '" + config.execPath()
                    + "'): " + e.getMessage(), e);
        }
        running.put(sessionId, new Running(job, row));
        threads.execute(() -> finish(sessionId, job, deadline, row, marker));
        LOG.info("codex job {} started in {} (pid {})", sessionId, cwd, job.pid());
        return sessionId;
    }

    /** Whether {@code sessionId} is a job running here (it has no pane: only interrupt and kill apply). */
    public boolean isRunning(String sessionId) {
        return running.containsKey(sessionId);
    }

    /** Stops a running job; its session ends {@code error} with {@code reason}. */
    public void stop(String sessionId, String reason) {
        Running job = running.get(sessionId);
        if (job != null) {
            job.job().stop(reason);
        }
    }

    /** At start: jobs a previous agentd left running (it died with them) are reported as errors. */
    public void reportOrphans() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(dir, "*.json")) {
            for (Path marker : markers) {
                JsonNode stored = json.readTree(marker.toFile());
                SessionRow row = json.treeToValue(stored, SessionRow.class);
                report(ended(row, new JobOutcome(SessionStatus.ERROR, STOPPED), clock.instant()));
                Files.delete(marker);
            }
        } catch (IOException e) {
            LOG.error("cannot read the jobs a previous agentd ran, in {}: {}", dir, e.getMessage());
        }
    }

    private void finish(String sessionId, CodexJob job, Duration deadline, SessionRow started, Path marker) {
        try {
            JobOutcome outcome = job.await(deadline);
            report(ended(started, outcome, clock.instant()));
            Files.deleteIfExists(marker);
            LOG.info("codex job {} ended {}: {}", sessionId, outcome.status(), outcome.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the marker stays, the next start reports it
        } catch (IOException e) {
            LOG.warn("codex job {}: cannot remove {}: {}", sessionId, marker, e.getMessage());
        } finally {
            running.remove(sessionId);
        }
    }

    private Path validCwd(String cwd) throws JobRefusedException {
        try {
            return workspaces.directory(cwd, "cwd");
        } catch (WorkspaceException e) {
            throw new JobRefusedException(e.getMessage(), e);
        }
    }

    private SessionRow row(String sessionId, Path cwd, String prompt, SessionStatus status, String reason,
                           Instant at) {
        String firstLine = prompt.strip().lines().findFirst().orElse("");
        String name = "codex: " + (firstLine.length() > 48 ? firstLine.substring(0, 48) + "…" : firstLine);
        String title = prompt.length() > 200 ? prompt.substring(0, 200) + "…" : prompt;
        return new SessionRow(sessionId, null, name, Provider.CODEX, status, status == SessionStatus.ERROR, null,
                cwd.toString(), null, title, reason, at, null, null);
    }

    private static SessionRow ended(SessionRow started, JobOutcome outcome, Instant at) {
        return new SessionRow(started.sessionId(), null, started.name(), Provider.CODEX, outcome.status(),
                outcome.status() == SessionStatus.ERROR, null, started.cwd(), null, started.title(),
                outcome.reason() + " (at " + at + ")", at, null, null);
    }

    private void report(SessionRow row) {
        try {
            queue.append(new SessionsUpsert(List.of(row)));
        } catch (OutboxException e) {
            LOG.error("cannot queue the state of job {}: {}", row.sessionId(), e.getMessage());
        }
    }

    /** Stops the running jobs (reported {@code error}: agentd stopped) and waits briefly for their reports. */
    @Override
    public void close() {
        running.values().forEach(job -> job.job().stop(STOPPED));
        threads.shutdown();
        try {
            if (!threads.awaitTermination(8, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
