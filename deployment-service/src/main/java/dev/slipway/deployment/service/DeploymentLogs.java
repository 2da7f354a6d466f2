package dev.slipway.deployment.service;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentLogStore;
import dev.slipway.deployment.domain.LogLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reading and writing deployment logs (DEP-8); following one is reading on from the last line seen. */
@ApplicationScoped
public class DeploymentLogs {

    /** Lines read per round trip. */
    public static final int PAGE = 500;

    private final DeploymentLogStore store;
    private final DeploymentQueue queue;

    public DeploymentLogs(DeploymentLogStore store, DeploymentQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    @Transactional
    public void append(UUID deploymentId, List<LogLine> lines) {
        store.append(deploymentId, lines);
    }

    /** What a follower needs each round: the lines after {@code afterSeq} and whether the deployment had finished before they were read. */
    public record Chunk(List<LogLine> lines, boolean finished, Deployment deployment) {
    }

    /** Reads the deployment's state first, then the lines: a finished deployment's chunk holds its last lines. */
    @Transactional
    public Chunk after(String projectId, UUID deploymentId, long afterSeq) {
        Deployment deployment = queue.get(projectId, deploymentId);
        boolean finished = deployment.state().isFinished();
        return new Chunk(store.after(deploymentId, afterSeq, PAGE), finished, deployment);
    }
}
