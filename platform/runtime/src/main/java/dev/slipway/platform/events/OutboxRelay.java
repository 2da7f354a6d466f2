package dev.slipway.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox rows to Kafka as CloudEvents in binary mode (EVT-1, EVT-3).
 *
 * <p>Order: rows go out in commit sequence, by one relay per database at a time (a PostgreSQL
 * advisory lock), through an idempotent producer, so one project's events keep their order. A row
 * is marked published only after the broker acknowledged it; a failure stops the round and the
 * rest wait, with backoff, for the broker to return. Delivery is at least once: consumers drop
 * repeats by event id (see {@link EventDispatcher}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id shared by every instance of a service (each service has its own database). */
    private static final long RELAY_LOCK = 0x5_11_9_0A7L;

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Instant lastPrune = Instant.EPOCH;

    public OutboxRelay(EntityManager entityManager, OutboxConfig config, MeterRegistry meters,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers) {
        this.entityManager = entityManager;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = meters.counter("slipway.outbox.published");
        this.failures = meters.counter("slipway.outbox.publish.failures");
        // Outbox lag: events committed but not yet acknowledged by the broker; read when scraped.
        meters.gauge("slipway.outbox.pending", this, OutboxRelay::pending);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUps.release();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks for a round now; called after a transaction with outbox rows committed. */
    public void wakeUp() {
        wakeUps.release();
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Events are small and latency matters more than batching: each hop would otherwise wait 5 ms.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long timeout = config.sendTimeout().toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(timeout, 5000)));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeout, 5000)));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout, 5000)));
        properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return properties;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                Duration wait = backoff.isZero() ? config.pollInterval() : backoff;
                if (wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
                if (!running) {
                    return;
                }
                Round round;
                do {
                    round = QuarkusTransaction.requiringNew().timeout(120).call(this::publishRound);
                } while (round.sent() == config.batchSize() && !round.failed() && running);
                backoff = round.failed() ? nextBackoff(backoff) : Duration.ZERO;
                pruneNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Database away or similar: log without data (events may hold names of secrets' owners, never values).
                LOG.warnf("Outbox relay round failed: %s", e.toString());
                backoff = nextBackoff(backoff);
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private record Round(int sent, boolean failed) {
    }

    /** One round in one transaction: lock, read a batch in order, send, mark what was acknowledged. */
    Round publishRound() {
        Boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Round(0, false);
        }
        List<OutboxEvent> batch = entityManager.createQuery(
                        "FROM OutboxEvent e WHERE e.publishedAt IS NULL ORDER BY e.seq", OutboxEvent.class)
                .setMaxResults(config.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return new Round(0, false);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            try {
                sends.add(producer.send(toRecord(event)));
            } catch (RuntimeException e) {
                sends.add(java.util.concurrent.CompletableFuture.failedFuture(e));
                break;
            }
        }
        Instant now = Instant.now();
        int acknowledged = 0;
        for (int i = 0; i < sends.size(); i++) {
            OutboxEvent event = batch.get(i);
            try {
                sends.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                event.publishedAt = now;
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                event.attempts++;
                failures.increment();
                LOG.warnf("Broker did not take event %s (%s) on %s yet: %s; will retry", event.id, event.type, event.topic,
                        e instanceof ExecutionException ? e.getCause() : e);
                published.increment(acknowledged);
                return new Round(acknowledged, true);
            }
        }
        published.increment(acknowledged);
        return new Round(acknowledged, false);
    }

    private ProducerRecord<String, String> toRecord(OutboxEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic, event.kafkaKey, event.data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.id.toString());
        header(record, "ce_source", event.source);
        header(record, "ce_type", event.type);
        if (event.subject != null) {
            header(record, "ce_subject", event.subject);
        }
        header(record, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt));
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void pruneNow() {
        if (Duration.between(lastPrune, Instant.now()).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastPrune = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createQuery("DELETE FROM OutboxEvent e WHERE e.publishedAt < :cutoff")
                .setParameter("cutoff", Instant.now().minus(config.retention()))
                .executeUpdate());
    }

    /** Events committed but not yet acknowledged by the broker. */
    double pending() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("SELECT count(e) FROM OutboxEvent e WHERE e.publishedAt IS NULL", Long.class).getSingleResult());
    }
}
