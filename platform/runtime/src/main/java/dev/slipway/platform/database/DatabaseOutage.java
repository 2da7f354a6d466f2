package dev.slipway.platform.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure because the database is away (restarting, unreachable, refusing connections)
 * from every other failure. Such a failure changed nothing and will pass once the database is back:
 * an HTTP request answers 503 with Retry-After, an event is retried rather than dead-lettered.
 */
public final class DatabaseOutage {

    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting or stopping). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /**
     * Whether {@code failure}, one of its causes or what they suppressed says the database could not
     * be reached. A commit that fails is reported by the transaction manager as a rollback with the
     * driver's error suppressed in it.
     */
    public static boolean isCause(Throwable failure) {
        return isCause(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isCause(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLRecoverableException || failure instanceof ConnectException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
            return true;
        }
        // Agroal's pool timing out on a connection it cannot open has no SQL state.
        if (failure instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (isCause(suppressed, seen)) {
                return true;
            }
        }
        return isCause(failure.getCause(), seen);
    }
}
