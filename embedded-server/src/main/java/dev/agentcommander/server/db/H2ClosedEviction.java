package dev.agentcommander.server.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool to drop a connection whose H2 database has closed under it. H2 closes an embedded database for good
 * when it fails to write its file (a full disk): every pooled connection then answers "The database has been closed"
 * and, without this, would keep doing so until the process restarts. A new connection opens the file again, with
 * what was last written to it, once it can. Stateless.
 */
final class H2ClosedEviction implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException error) {
        return SqlStates.isH2Closed(error) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
