package dev.agentcommander.agentd.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Posts Claude Code's HTTP hooks to agentd's receiver the way Claude Code does (secret and {@code X-Tmux-Pane}). */
public final class HookClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final HookEndpoint endpoint;
    private final ObjectMapper json;

    public HookClient(HookEndpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
    }

    /** For an agentd that is running elsewhere (e.g. inside the desktop app): its {@code hooks.json}, once written. */
    public static HookClient forStateDir(Path stateDir, ObjectMapper json) throws IOException {
        Path file = HookEndpoint.file(stateDir);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        var stored = json.readTree(file.toFile());
        return new HookClient(new HookEndpoint(stored.path("url").asText(), stored.path("secret").asText()), json);
    }

    /** A Bash PermissionRequest from Claude session {@code claude-1}; completes once agentd answers. */
    public CompletableFuture<HttpResponse<String>> permission(String pane, Path cwd, String command) {
        String body = json.createObjectNode().put("session_id", "claude-1")
                .put("hook_event_name", "PermissionRequest").put("cwd", cwd.toString()).put("tool_name", "Bash")
                .set("tool_input", json.createObjectNode().put("command", command).put("description", "t"))
                .toString();
        return hook("PermissionRequest", pane, body);
    }

    public CompletableFuture<HttpResponse<String>> hook(String event, String pane, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/hooks/" + event))
                .header("Content-Type", "application/json").header("X-Tmux-Pane", pane)
                .header("Authorization", "Bearer " + endpoint.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
