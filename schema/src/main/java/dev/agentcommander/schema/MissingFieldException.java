package dev.agentcommander.schema;

/** Thrown from a record's compact constructor when a required field is absent. */
public final class MissingFieldException extends IllegalArgumentException {
    private final String field;

    public MissingFieldException(String field) {
        super(field + ": required field is missing");
        this.field = field;
    }

    public MissingFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
