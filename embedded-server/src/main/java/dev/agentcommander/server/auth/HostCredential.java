package dev.agentcommander.server.auth;

/** What a valid host token proves: it acts as {@code hostId}, and can be revoked by {@code tokenId}. */
public record HostCredential(String hostId, String tokenId) {
}
