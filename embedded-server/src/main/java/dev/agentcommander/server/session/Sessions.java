package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.server.api.Cursor;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.api.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads session rows with {@link SessionFilter} semantics, the same for REST and the UI socket. Thread-safe. */
public final class Sessions {
    private final Jdbi jdbi;

    public Sessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The indexed fields narrow in SQL; {@link SessionFilter#matches} then decides, so {@code q} means the same everywhere. */
    public List<SessionRow> list(SessionFilter filter) {
        List<SessionRow> rows = jdbi.withExtension(SessionDao.class, dao -> dao.list(filter.hostId(),
                filter.status() == null ? null : filter.status().toString(),
                filter.provider() == null ? null : filter.provider().toString(),
                filter.needsAttention()));
        return rows.stream().filter(filter::matches).toList();
    }

    /**
     * One page of matching rows after {@code after} (null = from the start). {@code q} filters after the SQL
     * page, so a page is filled from as many SQL pages as it takes; {@code next} is set when it is full.
     */
    public Page<SessionRow> page(SessionFilter filter, Cursor after, int limit) {
        List<SessionRow> matching = new ArrayList<>();
        Cursor cursor = after;
        while (true) {
            Cursor from = cursor;
            List<SessionRow> rows = jdbi.withExtension(SessionDao.class, dao -> dao.page(filter.hostId(),
                    filter.status() == null ? null : filter.status().toString(),
                    filter.provider() == null ? null : filter.provider().toString(), filter.needsAttention(),
                    from == null ? null : from.at(), from == null ? null : from.id(), limit));
            for (SessionRow row : rows) {
                cursor = new Cursor(row.createdAt(), row.sessionId());
                if (filter.matches(row)) {
                    matching.add(row);
                    if (matching.size() == limit) {
                        return new Page<>(matching, cursor.encode());
                    }
                }
            }
            if (rows.size() < limit) {
                return new Page<>(matching, null);
            }
        }
    }

    /** The stored rows of {@code sessionIds} (those that exist), e.g. to relay another node's changes. */
    public List<SessionRow> read(List<String> sessionIds) {
        return sessionIds.isEmpty() ? List.of()
                : jdbi.withExtension(SessionDao.class, dao -> dao.findAll(sessionIds));
    }

    public Optional<SessionRow> find(String sessionId) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.find(sessionId));
    }

    /** @throws NotFoundException when there is no such session */
    public SessionRow require(String sessionId) {
        return find(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
    }
}
