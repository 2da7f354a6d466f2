package dev.slipway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.Topics;
import dev.slipway.platform.events.EventPublisher;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** EVT-3 against the real broker and database: the outbox loses nothing, the inbox applies once. */
@QuarkusTest
class OutboxAndInboxTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EventPublisher publisher;

    @Inject
    EntityManager entityManager;

    @Test
    void eventCommittedWhileTheBrokerIsDownIsPublishedOnceItIsBackAndAppliedOnce() {
        String account = "outage-" + UUID.randomUUID();
        SlipwayTestResource.kafka().stop();
        try {
            UUID id = QuarkusTransaction.requiringNew().call(() ->
                    publisher.publish(Ledger.CREDITED, account, "accounts/" + account, new Ledger.Credited(account, 7)));
            // The relay tries, fails and keeps the event.
            Awaitility.await().atMost(WAIT).until(() -> attemptsOf(id) > 0);
            assertThat(publishedAt(id)).isNull();
        } finally {
            SlipwayTestResource.kafka().ensureRunning();
        }
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            ConsumerRecord<String, String> record = probe.await(KafkaProbe.ofType(Ledger.CREDITED.type(), account), WAIT);
            assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/slipway/environment-service");
            assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo("accounts/" + account);
            assertThat(record.value()).contains("\"amount\":7");
        }
        Awaitility.await().atMost(WAIT).until(() -> ledgerRows(account) == 1);
    }

    @Test
    void redeliveredEventTakesEffectOnce() {
        String account = "repeat-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String data = "{\"account\":\"" + account + "\",\"amount\":5}";
        Map<String, String> attributes = Map.of("id", eventId, "type", Ledger.CREDITED.type(), "source", "/slipway/environment-service");
        KafkaProbe.send(Topics.ENVIRONMENTS, account, attributes, data);
        KafkaProbe.send(Topics.ENVIRONMENTS, account, attributes, data);
        // A later event of the same key is applied only after both copies were handled (one partition, in order).
        String marker = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.ENVIRONMENTS, account, Map.of("id", marker, "type", Ledger.CREDITED.type(), "source", "/slipway/environment-service"),
                "{\"account\":\"" + account + "\",\"amount\":1}");
        Awaitility.await().atMost(WAIT).until(() -> ledgerRows(account) >= 2);
        assertThat(ledgerRows(account)).isEqualTo(2);
        assertThat(sumOf(account)).isEqualTo(6);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String account = "rollback-" + UUID.randomUUID();
        UUID[] rolledBack = new UUID[1];
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                rolledBack[0] = publisher.publish(Ledger.CREDITED, account, null, new Ledger.Credited(account, 100));
                throw new IllegalStateException("business rule failed after the event was written");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        UUID committed = QuarkusTransaction.requiringNew().call(() ->
                publisher.publish(Ledger.CREDITED, account, null, new Ledger.Credited(account, 1)));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> committed.toString().equals(KafkaProbe.header(record, "ce_id")), WAIT);
            // Same key, same partition: had the rolled-back event been sent, it would have come first.
            assertThat(probe.seen()).noneMatch(record -> rolledBack[0].toString().equals(KafkaProbe.header(record, "ce_id")));
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("SELECT count(e) FROM OutboxEvent e WHERE e.id = :id", Long.class)
                .setParameter("id", rolledBack[0]).getSingleResult())).isZero();
        Awaitility.await().atMost(WAIT).until(() -> ledgerRows(account) == 1);
        assertThat(sumOf(account)).isEqualTo(1);
    }

    @Test
    void eventsOfOneProjectArriveInCommitOrder() {
        String account = "order-" + UUID.randomUUID();
        for (int amount = 1; amount <= 20; amount++) {
            int value = amount;
            QuarkusTransaction.requiringNew().run(() -> publisher.publish(Ledger.CREDITED, account, null, new Ledger.Credited(account, value)));
        }
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> account.equals(record.key()) && record.value().contains("\"amount\":20"), WAIT);
            assertThat(probe.seen().stream().filter(record -> account.equals(record.key()))
                    .map(record -> record.value().replaceAll(".*\"amount\":(\\d+).*", "$1")).map(Integer::parseInt).toList())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        }
    }

    @Test
    void anEventWhoseHandlerKeepsFailingIsDeadLetteredAndLaterOnesApply() {
        String account = "poison-" + UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.ENVIRONMENTS, account, Map.of("id", poison, "type", Ledger.CREDITED.type(), "source", "/slipway/environment-service"),
                "{\"account\":\"" + account + "\",\"amount\":-1}");
        KafkaProbe.send(Topics.ENVIRONMENTS, account, Map.of("id", UUID.randomUUID().toString(), "type", Ledger.CREDITED.type(),
                "source", "/slipway/environment-service"), "{\"account\":\"" + account + "\",\"amount\":4}");
        Awaitility.await().atMost(WAIT).until(() -> ledgerRows(account) == 1);
        assertThat(sumOf(account)).isEqualTo(4);
        try (KafkaProbe probe = KafkaProbe.reading("slipway.dlq.platform-test")) {
            ConsumerRecord<String, String> letter = probe.await(record -> poison.equals(KafkaProbe.header(record, "ce_id")), WAIT);
            assertThat(KafkaProbe.header(letter, "dead-letter-topic")).isEqualTo(Topics.ENVIRONMENTS);
            assertThat(KafkaProbe.header(letter, "dead-letter-reason")).contains("failed 3 times");
            assertThat(letter.key()).isEqualTo(account);
        }
    }

    private int attemptsOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("SELECT e.attempts FROM OutboxEvent e WHERE e.id = :id", Integer.class).setParameter("id", id).getSingleResult());
    }

    private Object publishedAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("SELECT e.publishedAt FROM OutboxEvent e WHERE e.id = :id").setParameter("id", id).getSingleResult());
    }

    private long ledgerRows(String account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM test_ledger WHERE account = :account").setParameter("account", account)
                .getSingleResult()).longValue());
    }

    private long sumOf(String account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT coalesce(sum(amount), 0) FROM test_ledger WHERE account = :account").setParameter("account", account)
                .getSingleResult()).longValue());
    }
}
