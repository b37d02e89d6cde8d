package dev.agentcommander.server.auth;

/** The answer of minting: the plaintext token is shown this once and never stored. */
public record MintedHostToken(String tokenId, String token) {
}
