package dev.slipway.events.environment;

import dev.slipway.events.deployment.DeploymentTrigger;

/**
 * environment-service asks deployment-service to deploy {@code commit} (null: the branch head) on
 * an environment (DEP-1). {@code dataFrom} names the environment whose data to copy first (DEP-2
 * DATA phase), or is null. {@code ticketId} and {@code ticketAttempt} name the approved ticket a
 * Staging or Production deployment comes from (DEP-6: a DEPLOYMENT_SETTINGS ticket's redeploy of
 * the deployed commit); null otherwise, and in events of earlier versions.
 */
public record DeploymentRequested(String projectId, String environmentId, String branch, String commit, DeploymentTrigger trigger,
        String dataFrom, String activityId, String requestedBy, String ticketId, Integer ticketAttempt) {

    /** A request that comes from no ticket. */
    public DeploymentRequested(String projectId, String environmentId, String branch, String commit, DeploymentTrigger trigger,
            String dataFrom, String activityId, String requestedBy) {
        this(projectId, environmentId, branch, commit, trigger, dataFrom, activityId, requestedBy, null, null);
    }
}
