package dev.slipway.platform.messaging;

import dev.slipway.platform.events.EventDispatcher;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the topics a service consumes (one channel, {@code mp.messaging.incoming.slipway-events.topics})
 * in services that set the build property {@code slipway.consume.events=true}, and hands each record
 * to the {@link EventDispatcher}. Blocking and ordered, so one partition's events apply one after
 * another and one project's events keep their order (EVT-1).
 */
@ApplicationScoped
@IfBuildProperty(name = "slipway.consume.events", stringValue = "true")
public class EventsConsumer {

    public static final String CHANNEL = "slipway-events";

    private final EventDispatcher dispatcher;

    public EventsConsumer(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        dispatcher.dispatch(record);
    }
}
