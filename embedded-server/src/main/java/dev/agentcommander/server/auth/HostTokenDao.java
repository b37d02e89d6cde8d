package dev.agentcommander.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code host_tokens} table. */
interface HostTokenDao {
    /** A stored token: only its SHA-256, never the plaintext. */
    record StoredHostToken(String tokenId, String hostId, String tokenHash, Instant revokedAt) {
    }

    @SqlUpdate("""
            INSERT INTO host_tokens (token_id, host_id, token_hash, created_at)
            VALUES (:tokenId, :hostId, :tokenHash, :createdAt)
            """)
    void insert(String tokenId, String hostId, String tokenHash, Instant createdAt);

    @SqlQuery("SELECT token_id, host_id, token_hash, revoked_at FROM host_tokens WHERE token_id = :tokenId")
    @RegisterConstructorMapper(StoredHostToken.class)
    Optional<StoredHostToken> find(String tokenId);

    /** Every token of the host, revoked ones too, oldest first. */
    @SqlQuery("""
            SELECT token_id, created_at, revoked_at FROM host_tokens
            WHERE host_id = :hostId ORDER BY created_at, token_id
            """)
    @RegisterConstructorMapper(HostTokenRow.class)
    List<HostTokenRow> list(String hostId);

    @SqlUpdate("""
            UPDATE host_tokens SET revoked_at = :now
            WHERE token_id = :tokenId AND host_id = :hostId AND revoked_at IS NULL
            """)
    int revoke(String hostId, String tokenId, Instant now);
}
