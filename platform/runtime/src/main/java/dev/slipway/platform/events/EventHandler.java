package dev.slipway.platform.events;

import dev.slipway.events.EventType;

/**
 * Applies one type of event to this service's state. Implementations are CDI beans; the
 * {@link EventDispatcher} calls them inside the transaction that also records the event id, so an
 * event takes effect exactly once however often it is delivered (EVT-3).
 */
public interface EventHandler<T> {

    EventType<T> eventType();

    void handle(ReceivedEvent<T> event);

    /** A handler from a function, for CDI producer methods: one line per event a service applies. */
    static <T> EventHandler<T> of(EventType<T> type, java.util.function.Consumer<ReceivedEvent<T>> action) {
        return new EventHandler<>() {
            @Override
            public EventType<T> eventType() {
                return type;
            }

            @Override
            public void handle(ReceivedEvent<T> event) {
                action.accept(event);
            }
        };
    }
}
