package dev.slipway.events;

/** Kafka topics, one per producing service (EVT-2). The Kafka key is always the project id (EVT-1). */
public final class Topics {

    public static final String ENVIRONMENTS = "slipway.environments";
    public static final String DEPLOYMENTS = "slipway.deployments";
    public static final String TICKETS = "slipway.tickets";
    public static final String ACCESS = "slipway.access";
    public static final String GIT = "slipway.git";

    private Topics() {
    }
}
