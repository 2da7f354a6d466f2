package dev.slipway.events.environment;

import dev.slipway.events.deployment.DeploymentTrigger;

/**
 * environment-service asks deployment-service to deploy {@code commit} (null: the branch head) on
 * an environment (DEP-1). {@code dataFrom} names the environment whose data to copy first (DEP-2
 * DATA phase), or is null.
 */
public record DeploymentRequested(String projectId, String environmentId, String branch, String commit, DeploymentTrigger trigger,
        String dataFrom, String activityId, String requestedBy) {
}
