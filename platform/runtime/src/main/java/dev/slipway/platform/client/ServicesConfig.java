package dev.slipway.platform.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;

/**
 * Where the other Slipway services answer and how patiently they are called (SEC-4). The defaults
 * are the local ports of SPEC §1; on Kubernetes each URL is the service's cluster address.
 */
@ConfigMapping(prefix = "slipway.services")
public interface ServicesConfig {

    /** environment-service's base URL. Env: SLIPWAY_SERVICES_ENVIRONMENT_SERVICE_URL. */
    @WithName("environment-service.url")
    @WithDefault("http://127.0.0.1:8081")
    URI environmentServiceUrl();

    /** deployment-service's base URL. Env: SLIPWAY_SERVICES_DEPLOYMENT_SERVICE_URL. */
    @WithName("deployment-service.url")
    @WithDefault("http://127.0.0.1:8082")
    URI deploymentServiceUrl();

    /** ticket-service's base URL. Env: SLIPWAY_SERVICES_TICKET_SERVICE_URL. */
    @WithName("ticket-service.url")
    @WithDefault("http://127.0.0.1:8083")
    URI ticketServiceUrl();

    /** ssh-gateway's base URL (its internal git interface). Env: SLIPWAY_SERVICES_SSH_GATEWAY_URL. */
    @WithName("ssh-gateway.url")
    @WithDefault("http://127.0.0.1:8084")
    URI sshGatewayUrl();

    /** How long opening a connection may take before the attempt counts as unavailable. Env: SLIPWAY_SERVICES_CONNECT_TIMEOUT. */
    @WithDefault("2S")
    Duration connectTimeout();

    /** How long an attempt may wait for the response's status and headers (a streamed body may take longer). Env: SLIPWAY_SERVICES_REQUEST_TIMEOUT. */
    @WithDefault("30S")
    Duration requestTimeout();

    /** Retries of a call whose target is unavailable. */
    Retry retry();

    interface Retry {

        /** Attempts per call, the first included; then the caller gets ServiceUnavailableException. Env: SLIPWAY_SERVICES_RETRY_MAX_ATTEMPTS. */
        @WithDefault("5")
        int maxAttempts();

        /** The wait before the second attempt; it doubles for each further one. Env: SLIPWAY_SERVICES_RETRY_INITIAL_BACKOFF. */
        @WithDefault("200MS")
        Duration initialBackoff();

        /** The longest wait between two attempts. Env: SLIPWAY_SERVICES_RETRY_MAX_BACKOFF. */
        @WithDefault("5S")
        Duration maxBackoff();
    }
}
