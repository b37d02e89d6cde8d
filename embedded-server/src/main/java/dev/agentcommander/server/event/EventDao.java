package dev.agentcommander.server.event;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** The {@code events} table; {@code event_id} comes from the identity column, so it orders a session's events. */
public interface EventDao {
    @SqlBatch("""
            INSERT INTO events (session_id, host_id, event_type, payload, ts)
            VALUES (:sessionId, :hostId, :eventType, :payload, :ts)
            """)
    void insert(@BindMethods List<NewEvent> events);
}
