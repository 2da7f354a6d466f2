package dev.slipway.environment.domain;

/** API-3. */
public enum ActivityState {
    PENDING, IN_PROGRESS, COMPLETE
}
