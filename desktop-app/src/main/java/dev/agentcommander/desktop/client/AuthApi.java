package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code POST /v1/auth/refresh}: trades a still valid token for a fresh one. Thread-safe. */
public final class AuthApi {
    private final JsonHttp http;

    public AuthApi(HttpClient httpClient, URI baseUrl, WireCodec codec) {
        this.http = new JsonHttp(httpClient, baseUrl, codec);
    }

    public AccessToken refresh(AccessToken current) throws ControlPlaneException {
        JsonNode answer = http.post("/v1/auth/refresh", Map.of(), current.value());
        JsonNode token = answer.get("token");
        if (token == null || !token.isTextual()) {
            throw new ControlPlaneException(200, "bad_response", "POST /v1/auth/refresh answered no token");
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
            throw new ControlPlaneException(200, "bad_response", "POST /v1/auth/refresh: " + e.getMessage(), e);
        }
    }
}
