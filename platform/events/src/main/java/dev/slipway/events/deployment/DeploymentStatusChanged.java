package dev.slipway.events.deployment;

import dev.slipway.events.ProjectRole;
import java.util.List;

/**
 * A deployment started, succeeded or failed (DEP-3); the event type says which. {@code nodes}
 * lists each node's release and health after the change (ENV-6); {@code detail} says why a
 * deployment failed (phase, node, exit code, DEP-2). {@code ticketId} is set for TICKET deployments
 * (TKT-5), with {@code ticketAttempt}, the approval of the ticket it fulfils (see {@code TicketApproved}).
 * {@code sshAccess} is {@code access.ssh} of the deployed app.yaml (CFG-2), the least role that reaches
 * the environment over SSH (SSH-2); set on success, null when the app does not say (admin then).
 */
public record DeploymentStatusChanged(String deploymentId, String projectId, String environmentId, String commit, DeploymentTrigger trigger,
        DeploymentState state, DeploymentPhase phase, List<NodeRelease> nodes, String detail, String ticketId,
        ProjectRole sshAccess, Integer ticketAttempt) {

    /** One node's current release (ENV-6). */
    public record NodeRelease(int node, String releaseId, String commit, NodeHealth health) {
    }
}
