package dev.agentcommander.server.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.jdbi.v3.core.JdbiException;

/** Classifies database failures by SQLState, which H2 and PostgreSQL share for the classes used here. */
public final class SqlStates {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<Integer> H2_CLOSED = Set.of(90098, 90121);

    private SqlStates() {
    }

    /** A duplicate key: the caller asked for something that already exists. */
    public static boolean isUniqueViolation(Throwable error) {
        String state = sqlState(error);
        return UNIQUE_VIOLATION.equals(state);
    }

    /**
     * The statement's data was at fault (class 22 data exception, class 23 integrity violation), not the
     * database: retrying the same data fails the same way, so it must be refused rather than retried.
     */
    public static boolean isBadData(Throwable error) {
        String state = sqlState(error);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * Applying one frame failed in a way that applying it again would repeat: bad data, or a failure that did not come
     * from the database at all (a fault in applying that frame). A lost connection, a timeout or a deadlock is not.
     */
    public static boolean isFrameFault(Throwable error) {
        if (isBadData(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof JdbiException) {
                return false;
            }
        }
        return true;
    }

    /**
     * The database could not be reached or is going away: no connection from the pool in time, a connection lost
     * (class 08), the server shutting down or starting up (57P01-57P03), or an embedded H2 that cannot write its
     * file (a full disk) or has closed because of that. Not the request's fault: answered 503.
     */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || isH2Closed(t)
                    || t instanceof MVStoreException store && store.getErrorCode() == DataUtils.ERROR_WRITING_FAILED) {
                return true;
            }
        }
        String state = sqlState(error);
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** H2's DATABASE_IS_CLOSED or DATABASE_CALLED_AT_SHUTDOWN: the embedded database closed under its connection. */
    static boolean isH2Closed(Throwable error) {
        return error instanceof SQLException sql && H2_CLOSED.contains(sql.getErrorCode());
    }

    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
