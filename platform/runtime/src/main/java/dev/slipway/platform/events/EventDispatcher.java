package dev.slipway.platform.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EventType;
import dev.slipway.platform.database.DatabaseOutage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies incoming CloudEvents to the service's {@link EventHandler}s, exactly once each (EVT-3):
 * the event id goes into {@code inbox_event} in the same transaction as the handlers' effects, and
 * an id already there is skipped. {@link EventConsumer} calls it for every record, in order.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    /** What became of a record. */
    public enum Outcome {
        /** Applied now, or before (a repeat), or not for this service, or unreadable: the consumer moves on. */
        DONE,
        /** The database is away: nothing changed; the consumer retries this record, in order, once it is back. */
        RETRY,
        /** The handlers failed for another reason: the caller dead-letters the record. */
        FAILED
    }

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final String consumer;
    private final Map<String, List<EventHandler<?>>> handlers = new HashMap<>();
    private final Timer delivery;
    private final Timer apply;
    private final Timer hop;

    public EventDispatcher(EntityManager entityManager, ObjectMapper objectMapper, @Any Instance<EventHandler<?>> beans, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.consumer = consumer;
        for (EventHandler<?> handler : beans) {
            handlers.computeIfAbsent(handler.eventType().type(), type -> new ArrayList<>()).add(handler);
        }
        // EVT-5: where an event's time goes after the relay published it.
        this.delivery = timer(meters, "slipway.events.delivery", "broker append to the start of its application (fetch and poll)");
        this.apply = timer(meters, "slipway.events.apply", "the transaction that records and applies an event");
        this.hop = timer(meters, "slipway.events.hop", "commit of an event in its producer to its application here");
    }

    private static Timer timer(MeterRegistry meters, String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.9, 0.99).register(meters);
    }

    /**
     * Readies the path of a first event: each handler's data reader, and one transaction on the
     * inbox (a read: nothing is recorded).
     */
    void warmUp() {
        for (List<EventHandler<?>> byType : handlers.values()) {
            for (EventHandler<?> handler : byType) {
                try {
                    objectMapper.readValue("{}", handler.eventType().dataClass());
                } catch (IOException | RuntimeException e) {
                    // The reader is built either way; an empty object need not be valid data.
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("SELECT count(*) FROM inbox_event WHERE consumer = :consumer AND event_id = :id")
                .setParameter("consumer", consumer).setParameter("id", "warm-up").getSingleResult());
    }

    /**
     * Applies {@code record} once, or says why not. An event that can never apply (no CloudEvents id
     * or type, data that does not match the contract) is logged and skipped rather than blocking
     * its partition; a newer producer's extra fields are ignored (the API does not ignore them).
     */
    public Outcome dispatch(ConsumerRecord<String, String> record) {
        long started = System.nanoTime();
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            LOG.warnf("Skipping a record without CloudEvents id/type at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return Outcome.DONE;
        }
        List<EventHandler<?>> applicable = handlers.getOrDefault(type, List.of());
        if (applicable.isEmpty()) {
            return Outcome.DONE;
        }
        delivery.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
        List<Runnable> appliers = new ArrayList<>();
        Instant occurred;
        try {
            String time = header(record, "ce_time");
            occurred = time == null ? null : Instant.parse(time);
            for (EventHandler<?> handler : applicable) {
                appliers.add(applier(handler, record, id, type, occurred));
            }
        } catch (IOException | DateTimeParseException e) {
            LOG.errorf("Skipping event %s (%s): its data does not match the contract: %s", id, type, e.getMessage());
            return Outcome.DONE;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (recordFirstDelivery(id, type)) {
                    appliers.forEach(Runnable::run);
                }
            });
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e)) {
                LOG.warnf("Event %s (%s) waits: the database is unavailable (%s)", id, type, e.getMessage());
                return Outcome.RETRY;
            }
            // The handler's message may name a variable or a user, never a value (SEC-3).
            LOG.warnf("Applying event %s (%s) failed: %s", id, type, e);
            return Outcome.FAILED;
        }
        apply.record(Duration.ofNanos(System.nanoTime() - started));
        if (occurred != null) {
            hop.record(Duration.between(occurred, Instant.now()));
        }
        return Outcome.DONE;
    }

    private <T> Runnable applier(EventHandler<T> handler, ConsumerRecord<String, String> record, String id, String type, Instant occurred)
            throws IOException {
        EventType<T> eventType = handler.eventType();
        T data = objectMapper.readValue(record.value(), eventType.dataClass());
        ReceivedEvent<T> event = new ReceivedEvent<>(id, type, header(record, "ce_source"), header(record, "ce_subject"),
                occurred, record.key(), data);
        return () -> handler.handle(event);
    }

    /** True if this consumer had not applied the event yet; records it either way. */
    private boolean recordFirstDelivery(String id, String type) {
        int inserted = entityManager.createNativeQuery(
                        "INSERT INTO inbox_event (consumer, event_id, type, processed_at) VALUES (:consumer, :id, :type, now()) "
                                + "ON CONFLICT (consumer, event_id) DO NOTHING")
                .setParameter("consumer", consumer).setParameter("id", id).setParameter("type", type)
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("Event %s (%s) was applied before; skipping the repeat", id, type);
        }
        return inserted == 1;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
