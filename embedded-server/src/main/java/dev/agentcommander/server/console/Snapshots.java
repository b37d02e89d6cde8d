package dev.agentcommander.server.console;

import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.server.console.SnapshotDao.StoredSnapshot;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Stores the newest {@code sessions.snapshot} of each session (latest wins) and reads it back. Thread-safe. */
public final class Snapshots {
    /** Why a snapshot was not stored. */
    public enum Refusal { UNKNOWN_SESSION, NOT_OWNED }

    private final Jdbi jdbi;

    public Snapshots(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the snapshot if its session belongs to {@code hostId}; returns why not otherwise. */
    public Optional<Refusal> store(String hostId, SessionsSnapshot snapshot) {
        StoredSnapshot row = new StoredSnapshot(snapshot.sessionId(), hostId, snapshot.offset(), snapshot.content(),
                snapshot.cols(), snapshot.rows(), snapshot.capturedAt());
        return jdbi.inTransaction(handle -> {
            SnapshotDao dao = handle.attach(SnapshotDao.class);
            Optional<String> owner = dao.owner(snapshot.sessionId());
            if (owner.isEmpty()) {
                return Optional.of(Refusal.UNKNOWN_SESSION);
            }
            if (!owner.get().equals(hostId)) {
                return Optional.of(Refusal.NOT_OWNED);
            }
            if (dao.update(row) == 0) {
                dao.insert(row);
            }
            return Optional.empty();
        });
    }

    /** The stored snapshot, without a subscription id. */
    public Optional<SessionsSnapshot> find(String sessionId) {
        return jdbi.withExtension(SnapshotDao.class, dao -> dao.find(sessionId)).map(row -> new SessionsSnapshot(
                row.sessionId(), null, row.streamOffset(), row.content(), row.screenCols(), row.screenRows(),
                row.capturedAt()));
    }
}
