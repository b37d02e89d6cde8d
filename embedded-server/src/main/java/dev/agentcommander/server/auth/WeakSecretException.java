package dev.agentcommander.server.auth;

/** The JWT signing secret is missing or too short to sign HS256 tokens safely. */
public final class WeakSecretException extends IllegalArgumentException {
    public WeakSecretException(String message) {
        super(message);
    }
}
