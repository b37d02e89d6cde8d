package dev.agentcommander.chaos.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Hostile REST requests: broken bodies on every write route, unknown ids, bad query parameters, refused tokens, a
 * viewer acting, bodies over the 16 MiB limit. Each must get a 4xx; a 2xx, a 5xx or no answer in 10 s is counted as
 * unexpected. One instance per thread.
 */
public final class RestAbuse {
    static final String CHANNEL = "rest";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int OVER_LIMIT_BYTES = 16 * 1024 * 1024 + 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;
    private final String viewerToken;
    private final HostileTokens tokens;
    private final String sessionId;
    private final String hostId;
    private final AbuseTally tally;
    private final RandomGenerator random;

    /** {@code sessionId}, {@code hostId}: real ones of the well-behaved host, which hostile bodies must not reach. */
    public RestAbuse(int port, String adminToken, HostileTokens tokens, String hostId, String sessionId,
                     AbuseTally tally, RandomGenerator random) {
        this.base = "http://127.0.0.1:" + port;
        this.adminToken = adminToken;
        this.viewerToken = tokens.valid("viewer");
        this.tokens = tokens;
        this.hostId = hostId;
        this.sessionId = sessionId;
        this.tally = tally;
        this.random = random;
    }

    /** Sends {@code count} hostile requests, one after another; {@code overLimit} of them with a 16 MiB+ body. */
    public void run(int count, int overLimit) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            if (i < overLimit) {
                send("body over 16 MiB", post("/v1/hosts", adminToken, "{\"name\":\"" + "x".repeat(OVER_LIMIT_BYTES)
                        + "\"}"), true);
                continue;
            }
            switch (random.nextInt(4)) {
                case 0 -> brokenBody();
                case 1 -> unknownId();
                case 2 -> refusedToken();
                default -> wrongRoleOrParameter();
            }
        }
    }

    /** Each write route with a valid body of its own, which {@link HostileJson} breaks. */
    private void brokenBody() throws InterruptedException {
        String[] route = switch (random.nextInt(5)) {
            case 0 -> new String[] {"/v1/hosts", "{\"name\":\"chaos\"}"};
            case 1 -> new String[] {"/v1/sessions/" + sessionId + "/commands",
                "{\"type\":\"send_input\",\"text\":\"echo hostile\"}"};
            case 2 -> new String[] {"/v1/hosts/" + hostId + "/commands", "{\"type\":\"adopt_pane\",\"pane_id\":\"%1\"}"};
            case 3 -> new String[] {"/v1/approvals/" + UUID.randomUUID() + "/decision", "{\"decision\":\"allow\"}"};
            default -> new String[] {"/v1/auth/github", "{\"access_token\":\"gho_chaos\"}"};
        };
        HostileJson.Input body = HostileJson.next(random, route[1]);
        send("broken body (" + body.kind() + ")", post(route[0], adminToken, body.text()), false);
    }

    private void unknownId() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        HttpRequest request = switch (random.nextInt(8)) {
            case 0 -> get("/v1/sessions/" + id, adminToken);
            case 1 -> get("/v1/sessions/" + id + "/events", adminToken);
            case 2 -> get("/v1/sessions/" + id + "/snapshot", adminToken);
            case 3 -> get("/v1/commands/" + id, adminToken);
            case 4 -> post("/v1/sessions/" + id + "/commands", adminToken, "{\"type\":\"interrupt\"}");
            case 5 -> post("/v1/hosts/" + id + "/commands", adminToken, "{\"type\":\"adopt_pane\",\"pane_id\":\"%1\"}");
            case 6 -> post("/v1/approvals/" + id + "/decision", adminToken, "{\"decision\":\"allow\"}");
            default -> request("/v1/hosts/" + id + "/tokens/" + id, adminToken).DELETE().build();
        };
        send("unknown id", request, false);
    }

    private void refusedToken() throws InterruptedException {
        List<String> refused = tokens.refused();
        String token = refused.get(random.nextInt(refused.size()));
        HttpRequest request = switch (random.nextInt(4)) {
            case 0 -> get("/v1/me", token);
            case 1 -> get("/v1/hosts", token);
            case 2 -> post("/v1/auth/refresh", token, "{}");
            default -> post("/v1/hosts", token, "{\"name\":\"forged\"}");
        };
        send("refused token", request, false);
    }

    private void wrongRoleOrParameter() throws InterruptedException {
        HttpRequest request = switch (random.nextInt(7)) {
            case 0 -> post("/v1/hosts", viewerToken, "{\"name\":\"by a viewer\"}");
            case 1 -> post("/v1/sessions/" + sessionId + "/commands", viewerToken, "{\"type\":\"interrupt\"}");
            case 2 -> post("/v1/hosts/" + hostId + "/tokens", viewerToken, "{}");
            case 3 -> get("/v1/sessions/" + sessionId + "/events?after=abc", adminToken);
            case 4 -> get("/v1/sessions?status=sleeping", adminToken);
            case 5 -> request("/v1/hosts", null).GET().build();
            default -> request("/v1/hosts", null).header("Authorization", "Basic Y2hhb3M6Y2hhb3M=").GET().build();
        };
        send("wrong role or parameter", request, false);
    }

    private void send(String attack, HttpRequest request, boolean mayCut) throws InterruptedException {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            tally.record(CHANNEL, attack, Integer.toString(status), status >= 400 && status < 500);
        } catch (HttpTimeoutException e) {
            tally.record(CHANNEL, attack, "hang", false);
        } catch (IOException e) {
            // A body over the limit may be refused before it is read to the end: the connection is then closed.
            tally.record(CHANNEL, attack, "connection closed", mayCut);
        }
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest post(String path, String token, String body) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
