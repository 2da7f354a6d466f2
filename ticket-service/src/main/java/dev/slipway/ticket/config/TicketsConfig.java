package dev.slipway.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ticket-service's own settings. */
@ConfigMapping(prefix = "slipway.tickets")
public interface TicketsConfig {

    /**
     * SEC-3: a file holding the base64 of the 32-byte AES key that seals a DEPLOYMENT_SETTINGS ticket's
     * sensitive values at rest; every instance reads the same one (in Kubernetes a mounted Secret).
     * {@code bin/slipway up} generates one under {@code .slipway/keys}. Env: SLIPWAY_TICKETS_SECRETS_KEY_LOCATION.
     */
    @WithDefault(".slipway/keys/ticket-secrets.key")
    String secretsKeyLocation();
}
