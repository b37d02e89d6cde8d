package dev.agentcommander.agentd.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.config.ConfigException;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control plane answers {@code GET /health} on the host and port of a {@code control_plane.urls} entry, and
 * accepts the host token at its agent WebSocket.
 *
 * <p>The token is tried with an upgrade request that leaves out {@code X-Agentd-Stream}: the control plane checks
 * the token first (401) and then refuses the missing header (400), so 400 means "token accepted" without opening a
 * connection — a real one would replace the running agentd's connection and, with another stream id, reset the
 * host's {@code last_acked_seq}. The refusal carries no body to tell why, so a first request without any token
 * makes sure this control plane answers 401 before anything else. Stateless.
 */
final class ControlPlaneChecks {
    static final String REACHABLE = "control plane";
    static final String TOKEN = "host token";
    static final List<String> NAMES = List.of(REACHABLE, TOKEN);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ObjectMapper json;

    ControlPlaneChecks(ObjectMapper json) {
        this.json = json;
    }

    List<CheckResult> run(ControlPlaneConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .build();
        List<String> outcomes = new ArrayList<>();
        Optional<URI> reachable = Optional.empty();
        for (URI url : config.uris()) {
            URI health = healthUri(url);
            Health answer = health(http, health);
            outcomes.add(url + ": GET " + health + " → " + answer.text());
            if (reachable.isEmpty() && answer.ok()) {
                reachable = Optional.of(url);
            }
        }
        String detail = String.join("; ", outcomes);
        CheckResult reachability = reachable.isPresent() ? CheckResult.ok(REACHABLE, detail)
                : CheckResult.problem(REACHABLE, detail, "start the control plane or correct control_plane.urls; "
                        + "check firewalls and proxies between this host and it");
        return List.of(reachability, token(config, reachable));
    }

    private CheckResult token(ControlPlaneConfig config, Optional<URI> reachable) {
        String fix = "mint a new host token (POST /v1/hosts/{id}/tokens) and write it to " + config.tokenFile();
        String token;
        if (!Files.exists(config.tokenFile())) {
            return CheckResult.problem(TOKEN, config.tokenFile() + " does not exist", fix);
        }
        try {
            token = config.readToken();
        } catch (ConfigException e) {
            return CheckResult.problem(TOKEN, e.getMessage(), fix);
        }
        if (reachable.isEmpty()) {
            return CheckResult.skipped(TOKEN, "read from " + config.tokenFile()
                    + ", not tried: no control plane reachable");
        }
        URI url = reachable.get();
        String urlFix = "set control_plane.urls to the agent WebSocket, ws[s]://HOST:PORT/v1/agent/ws";
        UpgradeProbe probe = new UpgradeProbe(TIMEOUT);
        UpgradeProbe.Answer withoutToken;
        UpgradeProbe.Answer withToken;
        try {
            withoutToken = probe.send(url, Optional.empty());
            if (withoutToken.status() != 401) {
                return withoutToken.status() == 400
                        ? CheckResult.skipped(TOKEN, "cannot tell: " + url + " refuses an upgrade before it looks at "
                                + "the token (400 even without one)")
                        : CheckResult.problem(TOKEN, url + " answered the WebSocket upgrade with "
                                + status(withoutToken), urlFix);
            }
            withToken = probe.send(url, Optional.of("Bearer " + token));
        } catch (IOException e) {
            return CheckResult.problem(TOKEN, "cannot try it at " + url + ": " + describe(e),
                    "check that control_plane.urls names the agent WebSocket (ws[s]://HOST:PORT/v1/agent/ws) and "
                            + "that its TLS certificate is trusted by this Java");
        }
        if (withToken.status() == 400 || withToken.status() == 101) {
            return CheckResult.ok(TOKEN, "accepted by " + url);
        }
        if (withToken.status() == 401 || withToken.status() == 403) {
            return CheckResult.problem(TOKEN, "token rejected by " + url + " (" + status(withToken) + ")", fix);
        }
        return CheckResult.problem(TOKEN, url + " answered the WebSocket upgrade with " + status(withToken), urlFix);
    }

    /** {@code http://host:port/health} for {@code ws://host:port/...}, https for wss. */
    static URI healthUri(URI webSocket) {
        boolean secure = "wss".equalsIgnoreCase(webSocket.getScheme());
        int port = webSocket.getPort() != -1 ? webSocket.getPort() : secure ? 443 : 80;
        try {
            return new URI(secure ? "https" : "http", null, webSocket.getHost(), port, "/health", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no health URL for " + webSocket, e);
        }
    }

    /** A health answer: ok on 200; the text is the status, or why there was none. */
    private record Health(boolean ok, String text) {
    }

    private static Health health(HttpClient http, URI health) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Health(response.statusCode() == 200, String.valueOf(response.statusCode()));
        } catch (IOException e) {
            return new Health(false, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, "interrupted");
        }
    }

    static String describe(IOException error) {
        if (error instanceof HttpTimeoutException || error instanceof java.net.SocketTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (error instanceof java.net.UnknownHostException) {
            return "unknown host " + error.getMessage();
        }
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause.getMessage() == null) {
            return error instanceof java.net.ConnectException ? "Connection refused" : cause.getClass().getSimpleName();
        }
        return cause.getMessage();
    }

    /** {@code 401}, or with the control plane's {@code error.message} (else the body's start) when there is one. */
    private String status(UpgradeProbe.Answer answer) {
        String plain = answer.body().strip();
        if (plain.isEmpty()) {
            return String.valueOf(answer.status());
        }
        try {
            JsonNode message = json.readTree(plain).path("error").path("message");
            if (message.isTextual()) {
                return answer.status() + ": " + message.textValue();
            }
        } catch (IOException e) {
            // not JSON: shown as it is below
        }
        return answer.status() + ": " + (plain.length() > 200 ? plain.substring(0, 200) + "…" : plain);
    }
}
