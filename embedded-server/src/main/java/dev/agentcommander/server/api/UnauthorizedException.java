package dev.agentcommander.server.api;

/** 401: no credentials, or credentials that are not valid (bad signature, expired, revoked, ...). */
public final class UnauthorizedException extends ApiException {
    public UnauthorizedException(String message) {
        super(401, "unauthorized", message);
    }
}
