package dev.agentcommander.server.api;

/** 403: valid credentials whose role does not allow the request. */
public final class ForbiddenException extends ApiException {
    public ForbiddenException(String message) {
        super(403, "forbidden", message);
    }
}
