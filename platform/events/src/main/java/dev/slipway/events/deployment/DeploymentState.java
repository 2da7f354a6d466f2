package dev.slipway.events.deployment;

/** DEP-3: QUEUED, RUNNING (with its phase), then SUCCEEDED, FAILED or CANCELLED. */
public enum DeploymentState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** A deployment in this state will not change again. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** DEP-3: cancel works on QUEUED and RUNNING. */
    public boolean isCancellable() {
        return !isFinished();
    }
}
