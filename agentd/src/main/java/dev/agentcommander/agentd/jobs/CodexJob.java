package dev.agentcommander.agentd.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.internal.EventPayloads;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code codex exec --json}: every stdout line becomes a durable event ({@code codex.event} for a JSON
 * object, {@code codex.output} for anything else, stderr too), the deadline and {@link #stop} end the whole process
 * tree (codex starts a native binary, which starts the commands), and {@link #await} gives the outcome. Thread-safe.
 */
final class CodexJob {
    static final String EVENT = "codex.event";
    static final String OUTPUT = "codex.output";
    /** Plain lines kept per stream; codex prints little besides its JSON, a flood is cut with one note. */
    static final int MAX_PLAIN_LINES = 2000;
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CodexJob.class);

    private final String sessionId;
    private final Process process;
    private final DurableQueue queue;
    private final ObjectMapper json;
    private final JobOutput output;
    private final Thread stdout;
    private final Thread stderr;
    private volatile String stopReason;

    private CodexJob(String sessionId, Process process, DurableQueue queue, ObjectMapper json) {
        this.sessionId = sessionId;
        this.process = process;
        this.queue = queue;
        this.json = json;
        this.output = new JobOutput(json);
        this.stdout = reader(process.getInputStream(), "stdout");
        this.stderr = reader(process.getErrorStream(), "stderr");
    }

    /** Starts {@code command} in its directory with stdin from /dev/null (codex waits for stdin otherwise). */
    static CodexJob start(String sessionId, ProcessBuilder command, DurableQueue queue, ObjectMapper json)
            throws IOException {
        command.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        CodexJob job = new CodexJob(sessionId, command.start(), queue, json);
        job.stdout.start();
        job.stderr.start();
        return job;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the end (at most {@code deadline}, then the job is stopped as timed out) and tells how it went. */
    JobOutcome await(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            stop("timed out after " + deadline.toSeconds() + " s");
            process.waitFor();
        }
        stdout.join(TimeUnit.SECONDS.toMillis(10));
        stderr.join(TimeUnit.SECONDS.toMillis(10));
        String stopped = stopReason;
        return stopped != null ? new JobOutcome(SessionStatus.ERROR, stopped)
                : output.outcome(process.exitValue());
    }

    /** Ends the job and everything it started: SIGTERM, then SIGKILL after a grace period. */
    void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        Thread killer = new Thread(() -> {
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }, "codex-job-kill-" + process.pid());
        killer.setDaemon(true);
        killer.start();
    }

    private Thread reader(InputStream in, String stream) {
        Thread thread = new Thread(() -> read(in, stream), "codex-job-" + stream + "-" + sessionId);
        thread.setDaemon(true);
        return thread;
    }

    private void read(InputStream in, String stream) {
        int plain = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event = "stdout".equals(stream) ? output.parse(line) : null;
                if (event != null) {
                    append(new EventsAppend(sessionId, EVENT,
                            EventPayloads.trimmed(json, event, EventPayloads.EVENT_BUDGET)));
                } else if (!line.isBlank() && plain++ < MAX_PLAIN_LINES) {
                    append(new EventsAppend(sessionId, OUTPUT, json.createObjectNode().put("stream", stream)
                            .put("line", line.length() > 16_384 ? line.substring(0, 16_384) + "…" : line)));
                } else if (plain == MAX_PLAIN_LINES + 1) {
                    append(new EventsAppend(sessionId, OUTPUT, json.createObjectNode().put("stream", stream)
                            .put("line", "[agentd: more " + stream + " lines not kept]")));
                }
            }
        } catch (IOException e) {
            LOG.debug("job {}: {} closed: {}", sessionId, stream, e.toString());
        }
    }

    private void append(EventsAppend event) {
        try {
            queue.append(event);
        } catch (OutboxException e) {
            LOG.error("job {}: cannot queue an event: {}", sessionId, e.getMessage());
        }
    }
}
