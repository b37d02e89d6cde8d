package dev.agentcommander.schema.ui;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a UI subscription follows. */
public enum Topic {
    SESSIONS("sessions"),
    EVENTS("events"),
    CONSOLE("console"),
    APPROVALS("approvals"),
    HOSTS("hosts");

    private final String wireName;

    Topic(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    @JsonCreator
    public static Topic fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + wireName + "' (expected one of: "
                        + Arrays.stream(values()).map(Topic::toString).collect(Collectors.joining(", ")) + ")"));
    }
}
