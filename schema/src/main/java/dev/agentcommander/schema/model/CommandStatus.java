package dev.agentcommander.schema.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Command lifecycle: queued, sent, then completed, failed or expired. */
public enum CommandStatus {
    QUEUED("queued"),
    SENT("sent"),
    COMPLETED("completed"),
    FAILED("failed"),
    EXPIRED("expired");

    private final String wireName;

    CommandStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static CommandStatus fromWire(String wireName) {
        return WireEnum.parse(CommandStatus.class, wireName);
    }
}
