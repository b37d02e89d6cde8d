package dev.agentcommander.agentd.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.schema.model.SessionStatus;

/**
 * Reads what {@code codex exec --json} prints, line by line, and works out how the job ends: {@code turn.completed}
 * → done; {@code turn.failed} → error with its message. An {@code error} line alone is not fatal (codex prints its
 * retries, "Reconnecting... 1/2", as {@code error} events and goes on); it is kept to explain a failing exit code.
 * Confined to the job's stdout thread, read by the job thread after that thread ended.
 */
final class JobOutput {
    private final ObjectMapper json;
    private boolean completed;
    private String failure;
    private String lastError;
    private int commands;

    JobOutput(ObjectMapper json) {
        this.json = json;
    }

    /** The line's JSON object, or null when the line is not one (kept as plain output). */
    JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject()) {
                return null;
            }
            track(node);
            return node;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void track(JsonNode event) {
        switch (event.path("type").asText()) {
            case "turn.completed" -> completed = true;
            case "turn.failed" -> failure = event.path("error").path("message").asText("turn failed");
            case "error" -> lastError = event.path("message").asText(null);
            case "item.completed" -> {
                if ("command_execution".equals(event.path("item").path("type").asText())) {
                    commands++;
                }
            }
            default -> {
                // other events only go to the control plane
            }
        }
    }

    /** The outcome once the process exited with {@code exitCode}. */
    JobOutcome outcome(int exitCode) {
        if (failure != null) {
            return new JobOutcome(SessionStatus.ERROR, "codex: turn failed: " + failure);
        }
        if (exitCode != 0) {
            return new JobOutcome(SessionStatus.ERROR, "codex exited with " + exitCode
                    + (lastError != null ? ": " + lastError : ""));
        }
        if (completed) {
            return new JobOutcome(SessionStatus.DONE, "codex: turn completed (" + commands + " command"
                    + (commands == 1 ? "" : "s") + " run)");
        }
        return new JobOutcome(SessionStatus.DONE, "codex exited with 0 without turn.completed");
    }
}
