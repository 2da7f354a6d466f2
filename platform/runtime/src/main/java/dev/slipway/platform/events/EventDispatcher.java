package dev.slipway.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Routes incoming CloudEvents to the service's {@link EventHandler}s, exactly once each (EVT-3):
 * the event id goes into {@code inbox_event} in the same transaction as the handlers' effects, and
 * an id already there is skipped. A service's {@code @Incoming} methods only call
 * {@link #dispatch(ConsumerRecord)}.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);
    private static final int ATTEMPTS = 3;

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final String consumer;
    private final Map<String, List<EventHandler<?>>> handlers = new HashMap<>();

    public EventDispatcher(EntityManager entityManager, ObjectMapper objectMapper, @Any Instance<EventHandler<?>> beans,
            @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.consumer = consumer;
        for (EventHandler<?> handler : beans) {
            handlers.computeIfAbsent(handler.eventType().type(), type -> new ArrayList<>()).add(handler);
        }
    }


    /**
     * Applies {@code record} once. Transient failures are retried; an event that can never apply
     * (no CloudEvents id or type, data that does not parse) is logged and skipped rather than
     * blocking the partition. Throws when retries are exhausted, so the channel's failure strategy
     * (dead-letter topic) takes over.
     */
    public void dispatch(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            LOG.warnf("Skipping a record without CloudEvents id/type at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        List<EventHandler<?>> applicable = handlers.getOrDefault(type, List.of());
        if (applicable.isEmpty()) {
            return;
        }
        List<Applier> appliers = new ArrayList<>();
        for (EventHandler<?> handler : applicable) {
            try {
                appliers.add(applier(handler, record, id, type));
            } catch (IOException | DateTimeParseException e) {
                LOG.errorf("Skipping event %s (%s): its data does not match the contract: %s", id, type, e.getMessage());
                return;
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (recordFirstDelivery(id, type)) {
                        appliers.forEach(Applier::apply);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Applying event %s (%s) failed (attempt %d of %d): %s", id, type, attempt, ATTEMPTS, e.toString());
                pause(attempt);
            }
        }
    }

    private interface Applier {
        void apply();
    }

    private <T> Applier applier(EventHandler<T> handler, ConsumerRecord<String, String> record, String id, String type) throws IOException {
        EventType<T> eventType = handler.eventType();
        // Newer producers may add fields: a consumer ignores what it does not know (the API does not).
        T data = objectMapper.readerFor(eventType.dataClass())
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(record.value());
        String time = header(record, "ce_time");
        ReceivedEvent<T> event = new ReceivedEvent<>(id, type, header(record, "ce_source"), header(record, "ce_subject"),
                time == null ? null : Instant.parse(time), record.key(), data);
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

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
