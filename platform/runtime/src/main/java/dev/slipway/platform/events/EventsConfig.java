package dev.slipway.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a service consumes the topics it needs (EVT-2, EVT-3, EVT-5). */
@ConfigMapping(prefix = "slipway.events")
public interface EventsConfig {

    /** The topics this service consumes; none: it consumes nothing. Env: SLIPWAY_EVENTS_TOPICS. */
    Optional<List<String>> topics();

    /**
     * This instance's stable name in its service's consumer group (Kafka static membership): an
     * instance restarted under the same name takes its partitions back at once instead of waiting
     * for the group to notice the old one died. Must differ between instances that run at the same
     * time; defaults to the service's name and the host name (a Kubernetes pod's name).
     * Env: SLIPWAY_EVENTS_INSTANCE_ID.
     */
    Optional<String> instanceId();

    /**
     * How long the group waits for an instance that stopped answering before its partitions move
     * to the others (EVT-5). The broker accepts 6 s to 30 min by default.
     */
    @WithDefault("6s")
    Duration sessionTimeout();

    /** Attempts at an event whose handler fails for a reason other than the database being away, before it is dead-lettered. */
    @WithDefault("3")
    int attempts();

    /** Longest pause between attempts while the database is away; the event waits, in order, however long that takes. */
    @WithDefault("10s")
    Duration maxRetryBackoff();
}
