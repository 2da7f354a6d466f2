package dev.slipway.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the event consumer has joined its group (EVT-5): a service that says it is ready
 * applies the next event at once. A later broker outage does not make it unready: its API still
 * serves, and the outbox keeps what it publishes.
 */
@Readiness
@ApplicationScoped
public class EventConsumerReadiness implements HealthCheck {

    private final EventConsumer consumer;

    public EventConsumerReadiness(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-consumer").status(consumer.isReady())
                .withData("instance", consumer.instanceId())
                .withData("state", consumer.failure() != null ? consumer.failure() : consumer.isReady() ? "joined" : "joining")
                .build();
    }
}
