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
}
