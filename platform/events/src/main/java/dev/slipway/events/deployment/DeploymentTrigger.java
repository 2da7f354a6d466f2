package dev.slipway.events.deployment;

import dev.slipway.events.EnvironmentType;

/** What asked for a deployment (DEP-1). */
public enum DeploymentTrigger {
    PUSH, BRANCH, MERGE, SYNC, ACTIVATE, VARIABLES, REDEPLOY, TICKET, TIER_PUSH, ROLLBACK;

    /**
     * DEP-6: Staging and Production deploy only from an approved DEPLOY ticket (a rollback there is
     * one too, DEP-9) or a push to the tier remote by a granted key (SSH-5).
     */
    public boolean mayDeployTo(EnvironmentType target) {
        return target.isSelfService() ? this != TICKET && this != TIER_PUSH : this == TICKET || this == TIER_PUSH;
    }
}
