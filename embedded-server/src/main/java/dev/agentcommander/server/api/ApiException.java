package dev.agentcommander.server.api;

/**
 * A request the API refuses, with the HTTP status and the error code of the {@code {"error": {...}}} body.
 * {@link ApiErrors} is the one place that turns these into responses.
 */
public abstract class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    protected ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return null;
    }
}
