package dev.agentcommander.schema.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an approval stands; everything but pending is final. */
public enum ApprovalStatus {
    PENDING("pending"),
    ALLOWED("allowed"),
    DENIED("denied"),
    ANSWERED_IN_TERMINAL("answered_in_terminal"),
    TIMED_OUT("timed_out"),
    WITHDRAWN("withdrawn");

    private final String wireName;

    ApprovalStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static ApprovalStatus fromWire(String wireName) {
        return WireEnum.parse(ApprovalStatus.class, wireName);
    }
}
