package dev.agentcommander.chaos.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.chaos.fleet.AgentdHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One Claude Code {@code PermissionRequest} hook posted to agentd's HTTP hook receiver as Claude Code does it (a
 * {@code Bash} tool call, the pane in {@code X-Tmux-Pane}), waiting for agentd's answer: the decision JSON Claude
 * Code reads, or an empty 200 for "no decision". The command carries a unique marker, which finds the approval at
 * the control plane. Thread-safe.
 */
public final class PermissionHook {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String marker = "chaos-approval-" + UUID.randomUUID();
    private final CompletableFuture<HttpResponse<String>> answer;
    private final ObjectMapper json;

    private PermissionHook(CompletableFuture<HttpResponse<String>> answer, ObjectMapper json) {
        this.answer = answer;
        this.json = json;
    }

    /** Posts the hook; its answer arrives later (after a decision, a timeout, or agentd giving up). */
    public static PermissionHook post(AgentdHost host, String paneId, ObjectMapper json) throws IOException {
        JsonNode endpoint = host.hookEndpoint(json);
        PermissionHook hook = new PermissionHook(new CompletableFuture<>(), json);
        ObjectNode body = json.createObjectNode().put("session_id", "chaos-claude-" + UUID.randomUUID())
                .put("hook_event_name", "PermissionRequest").put("cwd", host.dir().toString())
                .put("permission_mode", "default").put("tool_name", "Bash");
        body.putObject("tool_input").put("command", "echo " + hook.marker).put("description", "chaos approval");
        body.putArray("permission_suggestions");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.path("url").asText()
                        + "/hooks/PermissionRequest")).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json").header("X-Tmux-Pane", paneId)
                .header("Authorization", "Bearer " + endpoint.path("secret").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                hook.answer.completeExceptionally(error);
            } else {
                hook.answer.complete(response);
            }
        });
        return hook;
    }

    /** The unique text in the tool call's command, also in the approval's {@code tool_input}. */
    public String marker() {
        return marker;
    }

    public boolean answered() {
        return answer.isDone();
    }

    /**
     * The decision agentd answered ({@code allow} or {@code deny}, with a deny's message after a colon), or empty for
     * "no decision" (an empty 200); waits up to {@code atMost}.
     *
     * @throws IOException when the request failed or agentd answered something else
     */
    public Optional<String> decision(Duration atMost) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = answer.get(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the hook request failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer to the hook within " + atMost.toSeconds() + " s");
        }
        if (response.statusCode() != 200) {
            throw new IOException("agentd answered the hook " + response.statusCode() + ": " + response.body());
        }
        if (response.body().isBlank()) {
            return Optional.empty();
        }
        JsonNode decision = json.readTree(response.body()).path("hookSpecificOutput").path("decision");
        String behavior = decision.path("behavior").asText();
        return Optional.of(decision.has("message") ? behavior + ":" + decision.path("message").asText() : behavior);
    }
}
