package dev.slipway.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the topics a service consumes ({@code slipway.events.topics}) on one thread and applies
 * each record through the {@link EventDispatcher} before it polls again: one partition's records,
 * so one project's events, apply one after another in order (EVT-1), with no hand-off between
 * threads. Offsets are committed after records are applied, so a crash replays at most the last
 * batch, which the inbox then skips (EVT-3).
 *
 * <p>Before it joins, the service warms the path of a first event ({@link WarmUp}), so the first
 * event after a start applies as fast as the rest.
 *
 * <p>Recovery (EVT-5): the instance is a static member of its service's group, so when it is
 * restarted it takes its partitions back as soon as it joins; an instance that dies for good loses
 * them to the others after the session timeout (6 s by default). While the database is away a
 * record is retried, in order, with backoff; a record whose handlers keep failing for another
 * reason goes to {@code slipway.dlq.<service>} and the partition moves on.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final EventDispatcher dispatcher;
    private final Instance<WarmUp> warmUps;
    private final OutboxRelay relay;
    private final EventsConfig config;
    private final String service;
    private final String instanceId;
    private final String bootstrapServers;
    private final KafkaClientSecurity security;
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private volatile boolean running;
    private volatile boolean joined;
    private volatile String failure;
    private Thread worker;
    private KafkaConsumer<String, String> consumer;

    public EventConsumer(EventDispatcher dispatcher, @Any Instance<WarmUp> warmUps, OutboxRelay relay, EventsConfig config,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            KafkaClientSecurity security) {
        this.dispatcher = dispatcher;
        this.security = security;
        this.warmUps = warmUps;
        this.relay = relay;
        this.config = config;
        this.service = service;
        this.instanceId = config.instanceId().orElseGet(() -> service + "-" + hostName());
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent startup) {
        List<String> topics = config.topics().orElse(List.of());
        if (topics.isEmpty()) {
            joined = true;
            return;
        }
        running = true;
        worker = new Thread(() -> run(topics), "event-consumer");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ready once the group has given this instance its partitions (possibly none), so the first event after start is as fast as any. */
    public boolean isReady() {
        return joined && failure == null;
    }

    /** Why the consumer stopped for good, or null. */
    public String failure() {
        return failure;
    }

    public String instanceId() {
        return instanceId;
    }

    private void run(List<String> topics) {
        warmUp();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties(), new StringDeserializer(), new StringDeserializer())) {
            consumer = kafka;
            kafka.subscribe(topics, new Rebalance(kafka));
            Duration backoff = Duration.ZERO;
            while (running) {
                ConsumerRecords<String, String> records = kafka.poll(POLL);
                boolean retry = false;
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, String> record : records.records(partition)) {
                        if (!apply(record)) {
                            // The database is away: read this record again after a pause, the rest of the partition after it.
                            kafka.seek(partition, record.offset());
                            retry = true;
                            break;
                        }
                        applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                commit(kafka, false);
                backoff = retry ? nextBackoff(backoff) : Duration.ZERO;
                if (retry) {
                    pause(backoff);
                }
            }
            commit(kafka, true);
            kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
        } catch (WakeupException e) {
            // shutting down
        } catch (FencedInstanceIdException e) {
            failure = "another running instance uses the consumer instance id " + instanceId() + "; set SLIPWAY_EVENTS_INSTANCE_ID";
            LOG.error("Stopped consuming events: " + failure);
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("Stopped consuming events", e);
        } finally {
            consumer = null;
        }
    }

    private void warmUp() {
        try {
            dispatcher.warmUp();
        } catch (RuntimeException e) {
            LOG.infof("Warm-up of the event path failed (%s); the first event will be slower", e.toString());
        }
        for (WarmUp warmUp : warmUps) {
            try {
                warmUp.warmUp();
            } catch (Exception e) {
                LOG.infof("Warm-up %s failed (%s); the first event will be slower", warmUp.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** True when the record is done with (applied, skipped or dead-lettered); false when it must be retried. */
    private boolean apply(ConsumerRecord<String, String> record) {
        for (int attempt = 1; ; attempt++) {
            EventDispatcher.Outcome outcome = dispatcher.dispatch(record);
            if (outcome == EventDispatcher.Outcome.DONE) {
                return true;
            }
            if (outcome == EventDispatcher.Outcome.RETRY) {
                return false;
            }
            if (attempt >= config.attempts()) {
                return relay.deadLetter(record, service, "handlers failed " + attempt + " times");
            }
            pause(Duration.ofMillis(200L * attempt));
        }
    }

    private void commit(KafkaConsumer<String, String> kafka, boolean wait) {
        if (applied.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(applied);
        applied.clear();
        if (wait) {
            kafka.commitSync(offsets);
        } else {
            kafka.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    // A later commit covers these offsets; at worst a restart replays records the inbox skips.
                    LOG.debugf("Offset commit failed: %s", error.toString());
                }
            });
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(100) : current.multipliedBy(2);
        return next.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : next;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, service);
        properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long session = config.sessionTimeout().toMillis();
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, session / 4)));
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        properties.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        security.applyTo(properties);
        return properties;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Commits what was applied before partitions move, and reports readiness once the group assigned them. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        Rebalance(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(kafka, true);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            LOG.infof("Consuming %s as %s", partitions, instanceId());
        }
    }
}
