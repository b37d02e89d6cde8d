package dev.agentcommander.server.api;

/** 409: the request collides with existing state (a duplicate name, a second decision, ...). */
public final class ConflictException extends ApiException {
    public ConflictException(String message) {
        super(409, "conflict", message);
    }
}
