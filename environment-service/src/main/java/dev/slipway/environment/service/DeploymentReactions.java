package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentNodeRepository;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Keeps environments' latest deployment, deployed commit, nodes and DIRTY status current from deployment events (ENV-6, ENV-8). */
@ApplicationScoped
public class DeploymentReactions {

    private final EnvironmentRepository environments;
    private final EnvironmentNodeRepository nodes;

    public DeploymentReactions(EnvironmentRepository environments, EnvironmentNodeRepository nodes) {
        this.environments = environments;
        this.nodes = nodes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void started(DeploymentStatusChanged deployment) {
        environments.find(deployment.projectId(), deployment.environmentId()).ifPresent(environment -> {
            environment.deploymentStarted(deployment.deploymentId(), Instant.now());
            reportNodes(environment, deployment);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void finished(DeploymentStatusChanged deployment, boolean succeeded) {
        environments.find(deployment.projectId(), deployment.environmentId()).ifPresent(environment -> {
            environment.deploymentFinished(deployment.deploymentId(), succeeded, deployment.commit(), Instant.now());
            reportNodes(environment, deployment);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(DeploymentStatusChanged deployment) {
        environments.find(deployment.projectId(), deployment.environmentId())
                .ifPresent(environment -> environment.deploymentCancelled(deployment.deploymentId(), Instant.now()));
    }

    private void reportNodes(Environment environment, DeploymentStatusChanged deployment) {
        if (deployment.nodes() == null) {
            return;
        }
        Instant now = Instant.now();
        for (DeploymentStatusChanged.NodeRelease node : deployment.nodes()) {
            nodes.report(environment.projectId(), environment.id(), node.node(), node.releaseId(), node.commit(), node.health(), now);
        }
    }
}
