package dev.agentcommander.server.api;

/** 400: a parameter or body field is missing or invalid; {@link #field()} names it. */
public final class BadRequestException extends ApiException {
    private final String field;

    public BadRequestException(String field, String reason) {
        super(400, "bad_request", field + ": " + reason);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
