package dev.agentcommander.desktop.client;

/** A freshly minted host token; {@code token} is the plaintext, shown only once by the control plane. */
public record HostToken(String tokenId, String token) {
    @Override
    public String toString() {
        return "HostToken[tokenId=" + tokenId + "]";
    }
}
