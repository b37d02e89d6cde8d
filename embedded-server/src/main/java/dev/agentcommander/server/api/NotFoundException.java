package dev.agentcommander.server.api;

/** 404: the addressed resource does not exist. */
public final class NotFoundException extends ApiException {
    public NotFoundException(String message) {
        super(404, "not_found", message);
    }
}
