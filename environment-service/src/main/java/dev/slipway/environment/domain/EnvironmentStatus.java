package dev.slipway.environment.domain;

/** ENV-8: DIRTY is active with an operation or deployment in progress. */
public enum EnvironmentStatus {
    ACTIVE, DIRTY, INACTIVE, DELETING
}
