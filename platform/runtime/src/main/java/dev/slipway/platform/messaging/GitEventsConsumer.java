package dev.slipway.platform.messaging;

import dev.slipway.platform.events.EventDispatcher;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code slipway.git} in the services that consume it (build property
 * {@code slipway.consume.git=true}) and hands each record to the {@link EventDispatcher}.
 * Blocking and ordered, so one partition's events apply one after another.
 */
@ApplicationScoped
@IfBuildProperty(name = "slipway.consume.git", stringValue = "true")
public class GitEventsConsumer {

    public static final String CHANNEL = "slipway-git";

    private final EventDispatcher dispatcher;

    public GitEventsConsumer(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        dispatcher.dispatch(record);
    }
}
