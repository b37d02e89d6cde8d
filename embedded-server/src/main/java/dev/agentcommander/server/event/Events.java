package dev.agentcommander.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.db.JsonColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads a session's events, oldest first, by event_id cursor. Thread-safe. */
public final class Events {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Jdbi jdbi;
    private final WireCodec codec;

    public Events(Jdbi jdbi, WireCodec codec) {
        this.jdbi = jdbi;
        this.codec = codec;
    }

    /** The events after {@code after}; {@code next} is the last event_id when the page is full. */
    public Page<EventRow> page(String sessionId, long after, int limit) {
        List<EventRow> rows = after(sessionId, after, limit);
        String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).eventId()) : null;
        return new Page<>(rows, next);
    }

    public List<EventRow> after(String sessionId, long after, int limit) {
        return jdbi.withExtension(EventDao.class, dao -> dao.after(sessionId, after, limit)).stream()
                .map(this::toRow).toList();
    }

    /** The newest {@code limit} events, oldest first. */
    public List<EventRow> latest(String sessionId, int limit) {
        List<EventRow> rows = new ArrayList<>(jdbi.withExtension(EventDao.class, dao -> dao.latest(sessionId, limit))
                .stream().map(this::toRow).toList());
        Collections.reverse(rows);
        return rows;
    }

    private EventRow toRow(StoredEvent event) {
        JsonNode payload = JsonColumns.read(codec.mapper(), event.payload());
        return new EventRow(event.eventId(), event.sessionId(), event.eventType(), payload, event.ts());
    }
}
