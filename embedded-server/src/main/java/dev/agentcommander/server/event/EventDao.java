package dev.agentcommander.server.event;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code events} table; {@code event_id} comes from the identity column, so it orders a session's events
 * (one host writes a session's events, one batch at a time, so they also commit in that order).
 */
@RegisterConstructorMapper(StoredEvent.class)
public interface EventDao {
    @SqlBatch("""
            INSERT INTO events (session_id, host_id, event_type, payload, ts)
            VALUES (:sessionId, :hostId, :eventType, :payload, :ts)
            """)
    void insert(@BindMethods List<NewEvent> events);

    @SqlQuery("""
            SELECT event_id, session_id, event_type, payload, ts FROM events
             WHERE session_id = :sessionId AND event_id > :after
             ORDER BY event_id LIMIT :limit
            """)
    List<StoredEvent> after(String sessionId, long after, int limit);

    /** The newest {@code limit} events, newest first. */
    @SqlQuery("""
            SELECT event_id, session_id, event_type, payload, ts FROM events
             WHERE session_id = :sessionId
             ORDER BY event_id DESC LIMIT :limit
            """)
    List<StoredEvent> latest(String sessionId, int limit);
}
