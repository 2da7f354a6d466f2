package dev.slipway.environment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How approved DEPLOYMENT_SETTINGS tickets that set sensitive variables are fulfilled: a worker
 * reads their values from ticket-service (SEC-3) and waits with backoff while it is unavailable
 * (SEC-4). Where ticket-service answers is {@code slipway.services.ticket-service.url}.
 */
@ConfigMapping(prefix = "slipway.ticket-fulfilment")
public interface TicketFulfilmentConfig {

    /** The pause between two rounds of the worker that looks for tickets waiting for their values. Env: SLIPWAY_TICKET_FULFILMENT_ROUND. */
    @WithDefault("1S")
    Duration round();

    /**
     * How long an instance holds a ticket while it reads its values; then another instance may take
     * it over. Longer than one call's whole retry window ({@code slipway.services.retry.*} and
     * request timeouts). Env: SLIPWAY_TICKET_FULFILMENT_LEASE.
     */
    @WithDefault("5M")
    Duration lease();

    /** The wait after the first round that found ticket-service unavailable; it doubles per round. Env: SLIPWAY_TICKET_FULFILMENT_INITIAL_BACKOFF. */
    @WithDefault("5S")
    Duration initialBackoff();

    /** The longest wait between two rounds of one ticket. Env: SLIPWAY_TICKET_FULFILMENT_MAX_BACKOFF. */
    @WithDefault("5M")
    Duration maxBackoff();
}
