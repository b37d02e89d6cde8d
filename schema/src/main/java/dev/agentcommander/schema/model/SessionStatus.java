package dev.agentcommander.schema.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Session status as shown to users. */
public enum SessionStatus {
    RUNNING("running"),
    IDLE("idle"),
    WAITING_INPUT("waiting_input"),
    WAITING_APPROVAL("waiting_approval"),
    DONE("done"),
    ERROR("error"),
    GONE("gone");

    private final String wireName;

    SessionStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static SessionStatus fromWire(String wireName) {
        return WireEnum.parse(SessionStatus.class, wireName);
    }
}
