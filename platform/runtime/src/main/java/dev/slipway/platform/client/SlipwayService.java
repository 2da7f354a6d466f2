package dev.slipway.platform.client;

import java.net.URI;

/** The services one Slipway service may call (SPEC §1), each at the base URL its configuration gives. */
public enum SlipwayService {

    ENVIRONMENT_SERVICE("environment-service"),
    DEPLOYMENT_SERVICE("deployment-service"),
    TICKET_SERVICE("ticket-service"),
    SSH_GATEWAY("ssh-gateway");

    private final String id;

    SlipwayService(String id) {
        this.id = id;
    }

    /** The service's name, as in logs and in {@code slipway.services.<id>.url}. */
    public String id() {
        return id;
    }

    URI url(ServicesConfig config) {
        return switch (this) {
            case ENVIRONMENT_SERVICE -> config.environmentServiceUrl();
            case DEPLOYMENT_SERVICE -> config.deploymentServiceUrl();
            case TICKET_SERVICE -> config.ticketServiceUrl();
            case SSH_GATEWAY -> config.sshGatewayUrl();
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
