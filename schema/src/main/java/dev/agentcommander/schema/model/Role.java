package dev.agentcommander.schema.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Caller roles; each includes the rights of the ones after it. */
public enum Role {
    ADMIN("admin"),
    OPERATOR("operator"),
    VIEWER("viewer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static Role fromWire(String wireName) {
        return WireEnum.parse(Role.class, wireName);
    }
}
