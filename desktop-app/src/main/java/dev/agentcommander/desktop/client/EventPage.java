package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.model.EventRow;
import java.util.List;

/** One page of a session's events, oldest first; {@code next} is null on the last page. */
public record EventPage(List<EventRow> items, String next) {
    public EventPage {
        items = List.copyOf(items);
    }
}
