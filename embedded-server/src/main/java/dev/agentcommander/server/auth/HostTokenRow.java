package dev.agentcommander.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A host token as {@code GET /v1/hosts/{host_id}/tokens} lists it: never the secret or its hash. */
public record HostTokenRow(String tokenId, Instant createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant revokedAt) {
}
