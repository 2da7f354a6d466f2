package dev.slipway.platform.housekeeping;

import dev.slipway.platform.database.LocalTransaction;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the shared tables from growing without bound: published outbox rows, the inbox's event ids
 * and idempotency keys older than their retention ({@link HousekeepingConfig}) are deleted, in
 * batches, by one instance of the service at a time (a PostgreSQL advisory lock).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    /** Advisory lock id shared by every instance of a service. */
    public static final long HOUSEKEEPING_LOCK = 0x5_11_9_0A8L;

    private final AgroalDataSource dataSource;
    private final HousekeepingConfig config;
    private ScheduledExecutorService schedule;

    public Housekeeping(AgroalDataSource dataSource, HousekeepingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Rows deleted by one pass, or {@code ran == false} when another instance was pruning. */
    public record Pass(boolean ran, int outbox, int inbox, int idempotency) {
    }

    void start(@Observes StartupEvent startup) {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.interval().toMillis();
        schedule.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            Pass pass = runOnce(Instant.now());
            if (pass.outbox() + pass.inbox() + pass.idempotency() > 0) {
                LOG.infof("Housekeeping deleted %d published events, %d applied event ids, %d idempotency keys",
                        pass.outbox(), pass.inbox(), pass.idempotency());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Housekeeping failed (next attempt in %s): %s", config.interval(), e.toString());
        }
    }

    /** One pass as of {@code now}; skipped when another instance holds the lock. */
    public Pass runOnce(Instant now) throws SQLException {
        return LocalTransaction.run(dataSource, connection -> {
            if (!locked(connection)) {
                return new Pass(false, 0, 0, 0);
            }
            int outbox = prune(connection, "outbox_event", "published_at", now.minus(config.outboxRetention()));
            int inbox = prune(connection, "inbox_event", "processed_at", now.minus(config.inboxRetention()));
            int idempotency = prune(connection, "idempotency_record", "created_at", now.minus(config.idempotencyRetention()));
            return new Pass(true, outbox, inbox, idempotency);
        });
    }

    private static boolean locked(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, HOUSEKEEPING_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Deletes rows of {@code table} whose {@code column} is before {@code cutoff}, a batch per statement. */
    private int prune(Connection connection, String table, String column, Instant cutoff) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + column + " < ? LIMIT ?)";
        int total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.setInt(2, config.batchSize());
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == config.batchSize());
        }
        return total;
    }
}
