package dev.slipway.deployment.messaging;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.deployment.DeploymentStatusChanged.NodeRelease;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Builds and publishes, through the outbox (EVT-3), every event of {@code slipway.deployments}. Each
 * names the ticket and approval attempt a TICKET deployment fulfils (TKT-5).
 */
@ApplicationScoped
public class DeploymentEvents {

    private final EventPublisher publisher;

    public DeploymentEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void queued(Deployment deployment) {
        publish(EventCatalog.DEPLOYMENT_QUEUED, deployment);
    }

    public void started(Deployment deployment) {
        publish(EventCatalog.DEPLOYMENT_STARTED, deployment);
    }

    public void phaseChanged(Deployment deployment) {
        publish(EventCatalog.DEPLOYMENT_PHASE_CHANGED, deployment);
    }

    /** With each node's release after the rollout (ENV-6) and the deployed app's access.ssh (SSH-2). */
    public void succeeded(Deployment deployment, List<NodeRelease> nodes, ProjectRole sshAccess) {
        publish(EventCatalog.DEPLOYMENT_SUCCEEDED, deployment, nodes, sshAccess);
    }

    public void failed(Deployment deployment) {
        failed(deployment, List.of());
    }

    /** With the nodes the rollout reached, the failing one UNHEALTHY on its old release (DEP-2). */
    public void failed(Deployment deployment, List<NodeRelease> nodes) {
        publish(EventCatalog.DEPLOYMENT_FAILED, deployment, nodes, null);
    }

    public void cancelled(Deployment deployment) {
        publish(EventCatalog.DEPLOYMENT_CANCELLED, deployment);
    }

    private void publish(EventType<DeploymentStatusChanged> type, Deployment deployment) {
        publish(type, deployment, List.of(), null);
    }

    private void publish(EventType<DeploymentStatusChanged> type, Deployment deployment, List<NodeRelease> nodes, ProjectRole sshAccess) {
        publisher.publish(type, deployment.projectId(), "projects/" + deployment.projectId() + "/environments/" + deployment.environmentId()
                + "/deployments/" + deployment.id(), new DeploymentStatusChanged(deployment.id().toString(), deployment.projectId(),
                        deployment.environmentId(), deployment.commit(), deployment.trigger(), deployment.state(), deployment.phase(), nodes,
                        deployment.detail(), deployment.ticketId(), sshAccess, deployment.ticketAttempt()));
    }
}
