package dev.slipway.platform;

import dev.slipway.events.EventType;
import dev.slipway.events.Producer;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/** A test event and its handler: each credit adds a row to test_ledger. */
public final class Ledger {

    /** Data of the test event. */
    public record Credited(String account, int amount) {
    }

    public static final EventType<Credited> CREDITED = new EventType<>("dev.slipway.ledger.credited.v1",
            Producer.ENVIRONMENT_SERVICE, Credited.class, List.of("platform-test"));

    private Ledger() {
    }

    /** Applies credits; the dispatcher guarantees once per event id. */
    @ApplicationScoped
    public static class CreditHandler implements EventHandler<Credited> {

        private final EntityManager entityManager;

        public CreditHandler(EntityManager entityManager) {
            this.entityManager = entityManager;
        }

        @Override
        public EventType<Credited> eventType() {
            return CREDITED;
        }

        /** A negative amount plays a handler that fails whatever happens (a bug), to be dead-lettered. */
        @Override
        public void handle(ReceivedEvent<Credited> event) {
            if (event.data().amount() < 0) {
                throw new IllegalArgumentException("a credit is never negative");
            }
            entityManager.createNativeQuery("INSERT INTO test_ledger (event_id, account, amount) VALUES (:id, :account, :amount)")
                    .setParameter("id", event.id()).setParameter("account", event.data().account())
                    .setParameter("amount", event.data().amount()).executeUpdate();
        }
    }
}
