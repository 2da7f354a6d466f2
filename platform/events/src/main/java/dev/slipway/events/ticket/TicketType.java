package dev.slipway.events.ticket;

import dev.slipway.events.EnvironmentType;

/**
 * TKT-1: the kinds of support ticket, which environments each may target (TKT-2) and which service
 * fulfils it once approved (TKT-5).
 */
public enum TicketType {
    DEPLOY("deployment-service"),
    ADD_SSH_KEY("ssh-gateway"),
    DEPLOYMENT_SETTINGS("environment-service"),
    GO_LIVE("environment-service"),
    /** Free text; support resolves it by hand. */
    GENERAL(null);

    private final String fulfilledBy;

    TicketType(String fulfilledBy) {
        this.fulfilledBy = fulfilledBy;
    }

    /** TKT-2: Staging or Production (GO_LIVE: Production only); Integration environments are self-service. GENERAL: any. */
    public boolean mayTarget(EnvironmentType target) {
        return switch (this) {
            case GENERAL -> true;
            case GO_LIVE -> target == EnvironmentType.PRODUCTION;
            default -> !target.isSelfService();
        };
    }

    /** TKT-5: whether {@code service} (its application name) fulfils approved tickets of this type. */
    public boolean isFulfilledBy(String service) {
        return service.equals(fulfilledBy);
    }
}
