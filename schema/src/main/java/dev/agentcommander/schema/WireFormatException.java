package dev.agentcommander.schema;

/**
 * A frame or body that cannot be decoded. {@link #field()} names the offending field as a path
 * ({@code payload.sessions[0].status}), or {@code $} for the document as a whole.
 */
public final class WireFormatException extends Exception {
    private final String field;
    private final String reason;

    public WireFormatException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
