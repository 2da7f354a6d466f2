package dev.slipway.events;

/** ENV-8: ACTIVE, DIRTY (active with an operation or deployment under way), INACTIVE, DELETING. */
public enum EnvironmentStatus {
    ACTIVE, DIRTY, INACTIVE, DELETING;

    /** ENV-3 counts ACTIVE and DIRTY environments against the limit. */
    public boolean isActive() {
        return this == ACTIVE || this == DIRTY;
    }
}
