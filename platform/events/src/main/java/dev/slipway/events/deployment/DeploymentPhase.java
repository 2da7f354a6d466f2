package dev.slipway.events.deployment;

/** DEP-2, in order: VALIDATE, DATA (only when asked), BUILD, DEPLOY (per node), POST_DEPLOY. */
public enum DeploymentPhase {
    VALIDATE, DATA, BUILD, DEPLOY, POST_DEPLOY;

    /** DEP-2: DEPLOY runs once per node, one node at a time. */
    public boolean isPerNode() {
        return this == DEPLOY;
    }
}
