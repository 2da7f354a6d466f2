package dev.slipway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.platform.housekeeping.Housekeeping;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing grows without bound: published events after 7 days, applied event ids after 8 (longer
 * than the topics keep events), idempotency keys after 24 hours (API-6); unpublished events and
 * fresh rows stay; one instance prunes at a time.
 */
@QuarkusTest
class HousekeepingTest {

    @Inject
    Housekeeping housekeeping;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    private final Instant now = Instant.now();

    @Test
    void oldRowsArePrunedAndFreshOnesKept() throws Exception {
        String oldPublished = outbox(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
        String freshPublished = outbox(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        String oldUnpublished = outbox(now.minus(Duration.ofDays(30)), null);
        String oldInbox = inbox(now.minus(Duration.ofDays(9)));
        String freshInbox = inbox(now.minus(Duration.ofDays(6)));
        String oldKey = idempotencyKey(now.minus(Duration.ofHours(25)));
        String freshKey = idempotencyKey(now.minus(Duration.ofHours(23)));

        Housekeeping.Pass pass = housekeeping.runOnce(now);

        assertThat(pass.ran()).isTrue();
        assertThat(pass.outbox()).isPositive();
        assertThat(pass.inbox()).isPositive();
        assertThat(pass.idempotency()).isPositive();
        assertThat(count("outbox_event", "id::text", oldPublished)).as("published 8 days ago").isZero();
        assertThat(count("outbox_event", "id::text", freshPublished)).as("published an hour ago").isOne();
        assertThat(count("outbox_event", "id::text", oldUnpublished)).as("never published: the relay still owes it").isOne();
        assertThat(count("inbox_event", "event_id", oldInbox)).as("applied 9 days ago").isZero();
        assertThat(count("inbox_event", "event_id", freshInbox)).as("applied 6 days ago, still redeliverable").isOne();
        assertThat(count("idempotency_record", "idem_key", oldKey)).as("used 25 hours ago").isZero();
        assertThat(count("idempotency_record", "idem_key", freshKey)).as("used 23 hours ago").isOne();
    }

    @Test
    void anotherInstancePruningMakesThisOneSkip() throws Exception {
        String oldInbox = inbox(now.minus(Duration.ofDays(9)));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Housekeeping.HOUSEKEEPING_LOCK);
                lock.execute();
            }
            assertThat(housekeeping.runOnce(now).ran()).isFalse();
            assertThat(count("inbox_event", "event_id", oldInbox)).isOne();
            other.rollback();
            other.setAutoCommit(true);
        }
        assertThat(housekeeping.runOnce(now).ran()).isTrue();
        assertThat(count("inbox_event", "event_id", oldInbox)).isZero();
    }

    private String outbox(Instant occurred, Instant published) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO outbox_event (id, topic, kafka_key, type, source, occurred_at, data, published_at, attempts) "
                                + "VALUES (:id, 'slipway.housekeeping-test', 'k', 'dev.slipway.test.pruned.v1', '/slipway/test', :occurred, '{}', :published, 0)")
                .setParameter("id", id).setParameter("occurred", occurred).setParameter("published", published).executeUpdate());
        return id.toString();
    }

    private String inbox(Instant processed) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO inbox_event (consumer, event_id, type, processed_at) VALUES ('housekeeping-test', :id, 't', :processed)")
                .setParameter("id", id).setParameter("processed", processed).executeUpdate());
        return id;
    }

    private String idempotencyKey(Instant created) {
        String key = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO idempotency_record (user_id, idem_key, fingerprint, status, created_at) VALUES ('alice', :key, 'f', 201, :created)")
                .setParameter("key", key).setParameter("created", created).executeUpdate());
        return key;
    }

    private long count(String table, String column, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM " + table + " WHERE " + column + " = :value").setParameter("value", value)
                .getSingleResult()).longValue());
    }
}
