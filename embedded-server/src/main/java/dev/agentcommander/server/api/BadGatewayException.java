package dev.agentcommander.server.api;

/** 502: a service the request depends on (e.g. GitHub) failed or could not be reached. */
public final class BadGatewayException extends ApiException {
    public BadGatewayException(String message) {
        super(502, "bad_gateway", message);
    }
}
