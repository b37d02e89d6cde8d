package dev.agentcommander.schema.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which agent runs in a session. */
public enum Provider {
    CLAUDE("claude"),
    CODEX("codex"),
    SHELL("shell"),
    UNKNOWN("unknown");

    private final String wireName;

    Provider(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static Provider fromWire(String wireName) {
        return WireEnum.parse(Provider.class, wireName);
    }
}
