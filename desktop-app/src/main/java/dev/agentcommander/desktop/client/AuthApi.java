package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The control plane's {@code /v1/auth} routes: refreshing a still valid token, and signing in with GitHub (the
 * device-flow settings, then trading GitHub's access token for a user token). Thread-safe.
 */
public final class AuthApi {
    private final JsonHttp http;

    public AuthApi(HttpClient httpClient, URI baseUrl, WireCodec codec) {
        this.http = new JsonHttp(httpClient, baseUrl, codec);
    }

    public URI baseUrl() {
        return http.baseUrl();
    }

    public AccessToken refresh(AccessToken current) throws ControlPlaneException {
        return issued(http.post("/v1/auth/refresh", Map.of(), current.value()), "POST /v1/auth/refresh");
    }

    /** {@code GET /v1/auth/github}: 404 {@code github_login_disabled} when the control plane is not set up for it. */
    public GithubSettings githubSettings() throws ControlPlaneException {
        JsonNode answer = http.get("/v1/auth/github", null);
        try {
            return new GithubSettings(text(answer, "client_id"), URI.create(text(answer, "device_authorization_url")),
                    URI.create(text(answer, "token_url")));
        } catch (IllegalArgumentException e) {
            throw new ControlPlaneException(200, "bad_response", "GET /v1/auth/github: " + e.getMessage(), e);
        }
    }

    /** {@code POST /v1/auth/github}: 403 when none of the GitHub user's verified emails is allowed. */
    public AccessToken signInWithGithub(String githubAccessToken) throws ControlPlaneException {
        return issued(http.post("/v1/auth/github", Map.of("access_token", githubAccessToken), null),
                "POST /v1/auth/github");
    }

    private AccessToken issued(JsonNode answer, String route) throws ControlPlaneException {
        JsonNode token = answer.get("token");
        if (token == null || !token.isTextual()) {
            throw new ControlPlaneException(200, "bad_response", route + " answered no token");
        }
        JsonNode expiresAt = answer.get("expires_at");
        if (expiresAt != null && expiresAt.isTextual()) {
            try {
                return new AccessToken(token.textValue(), Instant.parse(expiresAt.textValue()));
            } catch (DateTimeParseException e) {
                // fall through: the token's own exp claim says the same
            }
        }
        try {
            return AccessToken.fromJwt(token.textValue(), http.codec());
        } catch (IllegalArgumentException e) {
            throw new ControlPlaneException(200, "bad_response", route + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.textValue();
    }
}
