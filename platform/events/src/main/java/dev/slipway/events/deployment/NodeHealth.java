package dev.slipway.events.deployment;

/** ENV-6: what a node of an environment reports; UNKNOWN until deployment-service says. */
public enum NodeHealth {
    UNKNOWN, HEALTHY, UNHEALTHY
}
