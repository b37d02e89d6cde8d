package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to the control plane: one place that sends a request, maps a failure to
 * {@link ControlPlaneException} and parses the answer with the project's codec. Thread-safe.
 */
final class JsonHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI baseUrl;
    private final WireCodec codec;

    JsonHttp(HttpClient http, URI baseUrl, WireCodec codec) {
        this.http = http;
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.codec = codec;
    }

    WireCodec codec() {
        return codec;
    }

    URI baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path, String bearer) throws ControlPlaneException {
        return send(request(path, bearer).GET().build());
    }

    JsonNode post(String path, Object body, String bearer) throws ControlPlaneException {
        String json;
        try {
            json = codec.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode request body for " + path, e);
        }
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A DELETE whose success has no body (204). */
    void delete(String path, String bearer) throws ControlPlaneException {
        exchange(request(path, bearer).DELETE().build());
    }

    <T> T read(JsonNode node, Class<T> type, String what) throws ControlPlaneException {
        try {
            return codec.read(node, type, what);
        } catch (WireFormatException e) {
            throw new ControlPlaneException(200, "bad_response", "unexpected answer: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) throws ControlPlaneException {
        HttpResponse<String> response = exchange(request);
        JsonNode body = parse(response.body());
        if (body == null) {
            throw new ControlPlaneException(response.statusCode(), "bad_response",
                    request.method() + " " + request.uri().getPath() + " answered no JSON");
        }
        return body;
    }

    /** Sends the request; a non-2xx answer is thrown as the control plane's error. */
    private HttpResponse<String> exchange(HttpRequest request) throws ControlPlaneException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ControlPlaneException(ControlPlaneException.NO_ANSWER, "unreachable",
                    request.method() + " " + request.uri() + " got no answer: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(ControlPlaneException.NO_ANSWER, "interrupted",
                    request.method() + " " + request.uri() + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw errorOf(request, response.statusCode(), parse(response.body()), response.body());
        }
        return response;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return codec.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static ControlPlaneException errorOf(HttpRequest request, int status, JsonNode body, String raw) {
        JsonNode error = body == null ? null : body.get("error");
        String code = error != null && error.hasNonNull("code") ? error.get("code").asText() : "http_" + status;
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText()
                : (raw == null || raw.isBlank() ? "HTTP " + status : raw.strip().lines().findFirst().orElse(""));
        return new ControlPlaneException(status, code,
                request.method() + " " + request.uri().getPath() + " → " + status + ": " + message);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
