package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * When an event was committed and when each consumer applied it, read from the services' own
 * tables: {@code outbox_event.occurred_at} (set when the producer's transaction wrote it),
 * {@code published_at} (the relay saw the broker's acknowledgement) and the consumer's
 * {@code inbox_event.processed_at} (the transaction that applied it). One clock: one machine.
 */
final class EventTimes {

    static final String PROJECT_CREATED = "dev.slipway.project.created.v1";

    /** An event in the producer's outbox; times in epoch milliseconds. */
    record Published(String eventId, String key, double occurred, double published) {
    }

    private EventTimes() {
    }

    /** The {@code project.created} events of {@code projects}, waiting until the relay published all. */
    static Map<String, Published> projectsCreated(Suite suite, Collection<String> projects, Duration timeout) throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        try (Connection db = suite.db(SuiteService.ENVIRONMENT)) {
            while (true) {
                Map<String, Published> found = new HashMap<>();
                try (PreparedStatement query = db.prepareStatement("SELECT kafka_key, id::text, extract(epoch from occurred_at) * 1000, "
                        + "extract(epoch from published_at) * 1000 FROM outbox_event WHERE type = ? AND kafka_key = ANY(?) AND published_at IS NOT NULL")) {
                    query.setString(1, PROJECT_CREATED);
                    query.setArray(2, db.createArrayOf("varchar", projects.toArray()));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), new Published(rows.getString(2), rows.getString(1), rows.getDouble(3), rows.getDouble(4)));
                        }
                    }
                }
                if (found.size() == projects.size()) {
                    return found;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + found.size() + " of " + projects.size() + " events published");
                }
                Suite.sleep(20);
            }
        }
    }

    /** When {@code consumer} applied each of {@code eventIds} (epoch ms), waiting until it applied all. */
    static Map<String, Double> applied(Suite suite, SuiteService consumer, Collection<String> eventIds, Duration timeout) throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        try (Connection db = suite.db(consumer)) {
            while (true) {
                Map<String, Double> found = new HashMap<>();
                try (PreparedStatement query = db.prepareStatement(
                        "SELECT event_id, extract(epoch from processed_at) * 1000 FROM inbox_event WHERE event_id = ANY(?)")) {
                    query.setArray(1, db.createArrayOf("varchar", eventIds.toArray()));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), rows.getDouble(2));
                        }
                    }
                }
                if (found.size() == eventIds.size()) {
                    return found;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(consumer.module() + " applied only " + found.size() + " of " + eventIds.size() + " events");
                }
                Suite.sleep(20);
            }
        }
    }
}
