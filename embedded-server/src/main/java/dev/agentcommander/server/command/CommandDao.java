package dev.agentcommander.server.command;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code commands} table. Status moves only forward: every update names the statuses it moves from. */
@RegisterConstructorMapper(StoredCommand.class)
public interface CommandDao {
    String COLUMNS = """
            command_id, session_id, host_id, type, body, status, result, error, issued_by, created_at, updated_at,
            expires_at""";

    @SqlUpdate("INSERT INTO commands (" + COLUMNS + """
            ) VALUES (:commandId, :sessionId, :hostId, :type, :body, :status, :result, :error, :issuedBy, :createdAt,
                      :updatedAt, :expiresAt)
            """)
    void insert(@BindMethods StoredCommand command);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE command_id = :commandId")
    Optional<StoredCommand> find(String commandId);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE command_id IN (<commandIds>)")
    List<StoredCommand> findAll(@BindList("commandIds") Collection<String> commandIds);

    @SqlQuery("""
            SELECT command_id FROM commands
             WHERE host_id = :hostId AND status = 'queued' AND expires_at > :now
             ORDER BY created_at, command_id
            """)
    List<String> queued(String hostId, Instant now);

    /** Claims a queued command for sending; 1 when this caller won it. */
    @SqlUpdate("UPDATE commands SET status = 'sent', updated_at = :now WHERE command_id = :commandId AND status = 'queued'")
    int claim(String commandId, Instant now);

    /** Gives a claimed command back when the socket was gone after all. */
    @SqlUpdate("UPDATE commands SET status = 'queued', updated_at = :now WHERE command_id = :commandId AND status = 'sent'")
    int unclaim(String commandId, Instant now);

    /**
     * Gives back every command sent to the host that has no result yet: it went out on a connection that ended, and
     * only the host knows whether it arrived (agentd runs a command id at most once).
     */
    @SqlUpdate("UPDATE commands SET status = 'queued', updated_at = :now WHERE host_id = :hostId AND status = 'sent'")
    int unclaimUnanswered(String hostId, Instant now);

    @SqlUpdate("""
            UPDATE commands SET status = 'expired', error = :error, updated_at = :now
             WHERE status = 'queued' AND expires_at <= :now
            """)
    int expire(Instant now, String error);

    @SqlBatch("""
            UPDATE commands SET status = :status, result = :result, error = :error, updated_at = :updatedAt
             WHERE command_id = :commandId AND host_id = :hostId AND status IN ('queued', 'sent')
            """)
    int[] complete(@BindMethods List<CommandCompletion> completions);
}
