package dev.agentcommander.chaos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The control plane's REST API as an admin sees it. Thread-safe. */
public final class ControlPlaneApi {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private volatile String token;

    public ControlPlaneApi(int port) {
        this.port = port;
    }

    public void token(String value) {
        token = value;
    }

    public String token() {
        return token;
    }

    public ObjectMapper json() {
        return json;
    }

    public boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).GET()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A new host and a token for it: {@code [host_id, token]}. */
    public List<String> createHost(String name) throws IOException {
        String hostId = post("/v1/hosts", json.createObjectNode().put("name", name).toString()).get("host_id").asText();
        String hostToken = post("/v1/hosts/" + hostId + "/tokens", "{}").get("token").asText();
        return List.of(hostId, hostToken);
    }

    /** {@code hosts.last_acked_seq} of one host, or empty when the server cannot answer. */
    public Optional<Long> lastAckedSeq(String hostId) {
        try {
            for (JsonNode host : get("/v1/hosts").path("items")) {
                if (hostId.equals(host.path("host_id").asText())) {
                    return Optional.of(host.path("last_acked_seq").asLong());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public List<JsonNode> sessions(String hostId) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        get("/v1/sessions?host_id=" + URLEncoder.encode(hostId, StandardCharsets.UTF_8)).path("items").forEach(rows::add);
        return rows;
    }

    /** Every stored event of a session, oldest first, page by page. */
    public void events(String sessionId, Consumer<JsonNode> each) throws IOException {
        String after = "0";
        while (after != null) {
            JsonNode page = get("/v1/sessions/" + sessionId + "/events?limit=1000&after=" + after);
            page.path("items").forEach(each);
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        }
    }

    public String sessionCommand(String sessionId, JsonNode body) throws IOException {
        return post("/v1/sessions/" + sessionId + "/commands", body.toString()).get("command_id").asText();
    }

    public JsonNode command(String commandId) throws IOException {
        return get("/v1/commands/" + commandId);
    }

    /** The approval whose {@code tool_input.command} holds {@code marker}, among the host's newest 500. */
    public Optional<JsonNode> approval(String hostId, String marker) throws IOException {
        for (JsonNode row : get("/v1/approvals?limit=500&host_id=" + URLEncoder.encode(hostId, StandardCharsets.UTF_8))
                .path("items")) {
            if (row.path("tool_input").path("command").asText().contains(marker)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code POST /v1/approvals/{id}/decision} as this API's user: the HTTP status (200 decided, 409 already decided
     * or closed), or -1 when the server could not be reached.
     */
    public int decide(String approvalId, String decision, String reason) {
        String body = json.createObjectNode().put("decision", decision).put("reason", reason).toString();
        try {
            return send(authorized("/v1/approvals/" + approvalId + "/decision")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)))
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public void delete(String path) throws IOException {
        HttpResponse<String> response = send(authorized(path).DELETE());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A sample without labels of the Prometheus text at {@code /metrics}, e.g. a counter; NaN when there is none. */
    public double metric(String name) throws IOException {
        String text = send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30)).GET()).body();
        return text.lines().filter(line -> line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    public JsonNode get(String path) throws IOException {
        return read(path, send(authorized(path).GET()));
    }

    public JsonNode post(String path, String body) throws IOException {
        return read(path, send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    private JsonNode read(String path, HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
