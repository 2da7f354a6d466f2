package dev.slipway.platform.events;

import java.time.Instant;

/**
 * An event as a consumer sees it: the CloudEvents attributes (EVT-1) and the typed data.
 *
 * @param key the Kafka key, the project id
 */
public record ReceivedEvent<T>(String id, String type, String source, String subject, Instant time, String key, T data) {
}
