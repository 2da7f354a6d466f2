package dev.slipway.platform.events;

import dev.slipway.events.Producer;
import dev.slipway.platform.database.LocalTransaction;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox rows to Kafka as CloudEvents in binary mode (EVT-1, EVT-3).
 *
 * <p>Order: rows go out in commit sequence, by one relay per database at a time (a PostgreSQL
 * advisory lock), through an idempotent producer, so one project's events keep their order. A row
 * is marked published only after the broker acknowledged it; a failure stops the round and the
 * rest wait, with backoff, for the broker to return. Delivery is therefore at least once: consumers
 * drop repeats by event id (see {@link EventDispatcher}).
 *
 * <p>Speed (EVT-5): a commit that wrote events wakes the relay at once; a round is three statements
 * on one pooled connection (lock and read in one, then mark, commit) around the broker's
 * acknowledgement, with no ORM in between; the producer sends without lingering and its metadata is
 * fetched at start-up.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id shared by every instance of a service (each service has its own database). */
    private static final long RELAY_LOCK = 0x5_11_9_0A7L;

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String service;
    private final KafkaClientSecurity security;
    private final Counter published;
    private final Counter failures;
    private final Timer delay;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private volatile KafkaProducer<String, String> producer;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry meters,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service, KafkaClientSecurity security) {
        this.dataSource = dataSource;
        this.security = security;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
        this.published = meters.counter("slipway.outbox.published");
        this.failures = meters.counter("slipway.outbox.publish.failures");
        this.delay = Timer.builder("slipway.outbox.delay").description("commit of an event to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.9, 0.99).register(meters);
        // Outbox lag: events committed but not yet acknowledged by the broker; read when scraped.
        meters.gauge("slipway.outbox.pending", this, OutboxRelay::pending);
    }

    void start(@Observes StartupEvent startup) {
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
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    /** Asks for a round now; called after a transaction with outbox rows committed. */
    public void wakeUp() {
        wakeUps.release();
    }

    /**
     * Sends a record no handler could apply to {@code slipway.dlq.<service>} with its headers and
     * the reason, and waits for the broker. False when the broker did not take it: the caller retries.
     */
    public boolean deadLetter(ConsumerRecord<String, String> record, String consumer, String reason) {
        ProducerRecord<String, String> letter = new ProducerRecord<>("slipway.dlq." + consumer, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        header(letter, "dead-letter-reason", reason);
        header(letter, "dead-letter-topic", record.topic());
        header(letter, "dead-letter-partition", Integer.toString(record.partition()));
        header(letter, "dead-letter-offset", Long.toString(record.offset()));
        try {
            producer().send(letter).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.errorf("Dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(), letter.topic(), reason);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("Could not dead-letter %s-%d@%d yet: %s", record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-outbox");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Events are small and latency matters more than batching: each hop would otherwise wait 5 ms.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long timeout = config.sendTimeout().toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(timeout, 5000)));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeout, 5000)));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout, 5000)));
        properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        security.applyTo(properties);
        return properties;
    }

    private void run() {
        warmUp();
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                Duration wait = backoff.isZero() ? config.pollInterval() : backoff;
                if (wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
                if (!running || !config.relayEnabled()) {
                    continue;
                }
                Round round;
                do {
                    round = publishRound();
                } while (round.sent() == config.batchSize() && !round.failed() && running);
                backoff = round.failed() ? nextBackoff(backoff) : Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // Database away or similar: log without data (events may hold names, never secret values).
                LOG.warnf("Outbox relay round failed: %s", e.toString());
                backoff = nextBackoff(backoff);
            }
        }
    }

    /** The producer connects and learns the partitions of this service's topics before the first event needs them. */
    private void warmUp() {
        try {
            for (String topic : Arrays.stream(Producer.values()).filter(p -> p.service().equals(service)).map(Producer::topic).toList()) {
                producer().partitionsFor(topic);
            }
        } catch (RuntimeException e) {
            LOG.infof("Broker not reachable yet (%s); events wait in the outbox", e.toString());
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private record Round(int sent, boolean failed) {
    }

    /** An outbox row on its way to the broker. */
    private record Pending(long seq, String id, String topic, String key, String type, String source, String subject, Instant occurredAt,
            String data) {
    }

    /** One round in one transaction: lock, read a batch in order, send, mark what was acknowledged. */
    Round publishRound() throws SQLException {
        return LocalTransaction.run(dataSource, this::publishRound);
    }

    private Round publishRound(Connection connection) throws SQLException {
        List<Pending> batch = lockAndReadBatch(connection);
        if (batch.isEmpty()) {
            return new Round(0, false);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (Pending event : batch) {
            try {
                sends.add(producer().send(toRecord(event)));
            } catch (RuntimeException e) {
                sends.add(java.util.concurrent.CompletableFuture.failedFuture(e));
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>(sends.size());
        boolean failed = false;
        for (int i = 0; i < sends.size(); i++) {
            Pending event = batch.get(i);
            try {
                sends.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(event.seq());
                delay.record(Duration.between(event.occurredAt(), Instant.now()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                failures.increment();
                LOG.warnf("Broker did not take event %s (%s) on %s yet: %s; will retry", event.id(), event.type(), event.topic(),
                        e instanceof ExecutionException ? e.getCause() : e);
                countAttempt(connection, event.seq());
                failed = true;
                break;
            }
        }
        markPublished(connection, acknowledged);
        published.increment(acknowledged.size());
        return new Round(acknowledged.size(), failed);
    }

    /**
     * The advisory lock and the oldest unpublished rows in one round trip: none when another
     * instance's relay holds the lock (it publishes them) or nothing waits.
     */
    private List<Pending> lockAndReadBatch(Connection connection) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("WITH relay AS (SELECT pg_try_advisory_xact_lock(?) AS held) "
                + "SELECT seq, id, topic, kafka_key, type, source, subject, occurred_at, data FROM outbox_event, relay "
                + "WHERE relay.held AND published_at IS NULL ORDER BY seq LIMIT ?")) {
            query.setLong(1, RELAY_LOCK);
            query.setInt(2, config.batchSize());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Pending(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), rows.getTimestamp(8).toInstant(), rows.getString(9)));
                }
            }
        }
        return batch;
    }

    private static void markPublished(Connection connection, List<Long> sequence) throws SQLException {
        if (sequence.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement("UPDATE outbox_event SET published_at = ? WHERE seq = ANY(?)")) {
            mark.setTimestamp(1, Timestamp.from(Instant.now()));
            mark.setArray(2, connection.createArrayOf("bigint", sequence.toArray()));
            mark.executeUpdate();
        }
    }

    private static void countAttempt(Connection connection, long seq) throws SQLException {
        try (PreparedStatement attempt = connection.prepareStatement("UPDATE outbox_event SET attempts = attempts + 1 WHERE seq = ?")) {
            attempt.setLong(1, seq);
            attempt.executeUpdate();
        }
    }

    private static ProducerRecord<String, String> toRecord(Pending event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.data());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.id());
        header(record, "ce_source", event.source());
        header(record, "ce_type", event.type());
        if (event.subject() != null) {
            header(record, "ce_subject", event.subject());
        }
        header(record, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Events committed but not yet acknowledged by the broker; NaN while the database does not answer. */
    double pending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
             ResultSet rows = count.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
