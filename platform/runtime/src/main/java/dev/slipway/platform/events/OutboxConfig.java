package dev.slipway.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes (EVT-3). */
@ConfigMapping(prefix = "slipway.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay; only one instance per database publishes at a time anyway. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for events committed by other instances (it is woken on local commits). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events published per round. */
    @WithDefault("200")
    int batchSize();

    /** Longest pause between attempts while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long one publish may wait for the broker to acknowledge. */
    @WithDefault("15s")
    Duration sendTimeout();
}
