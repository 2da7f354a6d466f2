package dev.slipway.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes an event the only safe way: as a row of the outbox in the caller's transaction
 * (EVT-3). If the transaction rolls back, the event never existed; once it commits, the
 * {@link OutboxRelay} delivers it to Kafka, however long the broker is away.
 */
@ApplicationScoped
public class EventPublisher {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public EventPublisher(EntityManager entityManager, ObjectMapper objectMapper,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Records {@code data} as an event of {@code type} about {@code subject} in project
     * {@code projectId}, which is the Kafka key so one project's events stay in order (EVT-1).
     *
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> UUID publish(EventType<T> type, String projectId, String subject, T data) {
        // The state change is written first, so the event's time is as close to its commit as it can be.
        entityManager.flush();
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = type.topic();
        event.kafkaKey = projectId;
        event.type = type.type();
        event.source = type.producer().source();
        event.subject = subject;
        event.occurredAt = Instant.now();
        event.data = toJson(data);
        entityManager.persist(event);
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return event.id;
    }

    private String toJson(Object data) {
        try {
            return objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + data.getClass().getSimpleName(), e);
        }
    }

    /** Lets the relay publish right after the commit instead of at its next poll. */
    private record WakeRelayOnCommit(OutboxRelay relay) implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
