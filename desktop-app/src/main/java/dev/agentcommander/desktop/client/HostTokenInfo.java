package dev.agentcommander.desktop.client;

import java.time.Instant;

/** A host token as {@code GET /v1/hosts/{host_id}/tokens} lists it: no secret; {@code revokedAt} null = active. */
public record HostTokenInfo(String tokenId, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
