package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentNode;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Keeps environments' latest deployment, deployed commit, nodes and DIRTY status current from deployment events (ENV-6, ENV-8). */
@ApplicationScoped
public class DeploymentTracking {

    private final EntityManager entityManager;

    public DeploymentTracking(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void started(DeploymentStatusChanged deployment) {
        find(deployment).ifPresent(environment -> {
            environment.deploymentStarted(deployment.deploymentId(), Instant.now());
            reportNodes(environment, deployment.nodes());
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void finished(DeploymentStatusChanged deployment, boolean succeeded) {
        find(deployment).ifPresent(environment -> {
            environment.deploymentFinished(deployment.deploymentId(), succeeded, deployment.commit(), Instant.now());
            reportNodes(environment, deployment.nodes());
        });
    }

    @Transactional
    public List<EnvironmentNode> nodesOf(Environment environment) {
        return entityManager.createQuery("FROM EnvironmentNode n WHERE n.key.projectId = :project AND n.key.environmentId = :env ORDER BY n.key.node",
                        EnvironmentNode.class)
                .setParameter("project", environment.projectId()).setParameter("env", environment.id()).getResultList();
    }

    private java.util.Optional<Environment> find(DeploymentStatusChanged deployment) {
        return java.util.Optional.ofNullable(entityManager.find(Environment.class, new Environment.Key(deployment.projectId(), deployment.environmentId())));
    }

    private void reportNodes(Environment environment, List<DeploymentStatusChanged.NodeRelease> nodes) {
        if (nodes == null) {
            return;
        }
        Instant now = Instant.now();
        for (DeploymentStatusChanged.NodeRelease reported : nodes) {
            EnvironmentNode.Key key = new EnvironmentNode.Key(environment.projectId(), environment.id(), reported.node());
            EnvironmentNode node = entityManager.find(EnvironmentNode.class, key);
            boolean added = node == null;
            if (added) {
                node = new EnvironmentNode(environment.projectId(), environment.id(), reported.node());
            }
            node.report(reported.releaseId(), reported.commit(), reported.health(), now);
            if (added) {
                entityManager.persist(node);
            }
        }
    }
}
