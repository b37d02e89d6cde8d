package dev.agentcommander.server.session;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionFilter;
import java.util.List;
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
}
