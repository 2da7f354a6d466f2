package dev.slipway.events;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the event catalogue (EVT-4): the CloudEvents type, who produces it on which topic,
 * which services consume it and the record its JSON {@code data} maps to.
 *
 * @param <T> the data record
 */
public record EventType<T>(String type, Producer producer, Class<T> dataClass, List<String> consumers) {

    /** {@code dev.slipway.<aggregate>.<event>.v<n>}, the event in the past tense (EVT-1). */
    private static final Pattern TYPE = Pattern.compile("dev\\.slipway\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(dataClass, "dataClass");
        consumers = List.copyOf(consumers);
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("EVT-1: not a Slipway event type: " + type);
        }
    }

    public String topic() {
        return producer.topic();
    }
}
