package dev.agentcommander.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A list answer: {@code {"items": [...], "next": <cursor or null>}}; {@code next} is always written. */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items) {
        return new Page<>(items, null);
    }
}
