package dev.slipway.platform.database;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction on one pooled connection, outside JTA, for the platform's background work (the
 * outbox relay, housekeeping): committed when {@code work} returns, rolled back when it throws, and
 * the connection handed back to the pool in auto-commit mode either way.
 */
public final class LocalTransaction {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {
    }

    public static <T> T run(AgroalDataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
