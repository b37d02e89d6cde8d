package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** A user JWT and the moment it stops being accepted. */
public record AccessToken(String value, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Reads {@code exp} from the token's (unverified) claims: the client only needs to know when to refresh. */
    public static AccessToken fromJwt(String jwt, WireCodec codec) {
        String[] parts = jwt.trim().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT (expected three dot-separated parts)");
        }
        try {
            JsonNode claims = codec.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            if (exp == null || !exp.canConvertToLong()) {
                throw new IllegalArgumentException("the JWT has no exp claim");
            }
            return new AccessToken(jwt.trim(), Instant.ofEpochSecond(exp.longValue()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a readable JWT: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // Never print the secret itself.
        return "AccessToken[expiresAt=" + expiresAt + ", length=" + value.getBytes(StandardCharsets.UTF_8).length + "]";
    }
}
