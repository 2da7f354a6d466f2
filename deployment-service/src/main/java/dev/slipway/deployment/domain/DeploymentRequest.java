package dev.slipway.deployment.domain;

import dev.slipway.events.deployment.DeploymentTrigger;

/**
 * What asked for a deployment (DEP-1), as the triggers' events carry it. {@code commit} null means
 * the branch's head at VALIDATE; {@code triggerKey} names the trigger itself (an activity, a ticket,
 * a tier push), so the same trigger delivered twice queues one deployment. {@code ticket} is the
 * approval a TICKET deployment fulfils, null for every other trigger.
 */
public record DeploymentRequest(String projectId, String environmentId, String branch, String commit, DeploymentTrigger trigger,
        String triggerKey, String dataFrom, String activityId, TicketApproval ticket, String requestedBy) {
}
