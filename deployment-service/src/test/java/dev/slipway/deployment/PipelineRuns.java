package dev.slipway.deployment;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.domain.LogLine;
import dev.slipway.deployment.domain.TicketApproval;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.deployment.service.DeploymentLogs;
import dev.slipway.deployment.service.DeploymentPipeline;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs deployments by hand as a worker would (the tests run with {@code slipway.runner.workers=0}):
 * queue, claim, {@link DeploymentPipeline#run}, then read back the deployment and its log.
 */
@ApplicationScoped
public class PipelineRuns {

    private final DeploymentQueue queue;
    private final DeploymentClaims claims;
    private final DeploymentRepository deployments;
    private final DeploymentPipeline pipeline;
    private final DeploymentLogs logs;
    private final String instance = "pipeline-runs-" + UUID.randomUUID();

    public PipelineRuns(DeploymentQueue queue, DeploymentClaims claims, DeploymentRepository deployments, DeploymentPipeline pipeline,
            DeploymentLogs logs) {
        this.queue = queue;
        this.claims = claims;
        this.deployments = deployments;
        this.pipeline = pipeline;
        this.logs = logs;
    }

    /** A trigger of an Integration environment (PUSH, REDEPLOY, ...): the branch is the environment, the commit its head. */
    static DeploymentRequest integration(String project, String environment, DeploymentTrigger trigger) {
        return new DeploymentRequest(project, environment, environment, null, trigger, null, null, null, null, "alice");
    }

    /** DEP-1 BRANCH (or SYNC with data): the environment starts from a copy of {@code dataFrom}'s data (DEP-7). */
    static DeploymentRequest withDataOf(String project, String environment, DeploymentTrigger trigger, String dataFrom) {
        return new DeploymentRequest(project, environment, environment, null, trigger, null, dataFrom, null, null, "alice");
    }

    /** An approved DEPLOY ticket of a tier (DEP-6); {@code commit} null takes the source tier's last success. */
    static DeploymentRequest ticket(String project, String tier, String commit) {
        return new DeploymentRequest(project, tier, "master", commit, DeploymentTrigger.TICKET, null, null, null, new TicketApproval("T-1", 1),
                "alice");
    }

    Deployment enqueue(DeploymentRequest request) {
        return QuarkusTransaction.requiringNew().call(() -> queue.enqueue(request));
    }

    /** Queues {@code request} and runs it to its end. */
    Deployment runToTheEnd(DeploymentRequest request) {
        return run(enqueue(request).id(), new Cancellation());
    }

    /** Claims the queued deployment {@code id} (claiming what else waits before it, as a worker would) and runs it once. */
    Deployment run(UUID id, Cancellation cancellation) {
        UUID claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, Duration.ofHours(1))).orElseThrow();
        } while (!claimed.equals(id));
        pipeline.run(id, cancellation);
        return reload(id);
    }

    /** One round of DeploymentWorker's heartbeat for a running deployment: cancelled meanwhile (from any instance), its hook is stopped. */
    void heartbeat(UUID id, Cancellation cancellation) {
        if (reload(id).state() == DeploymentState.CANCELLED) {
            cancellation.cancel();
        }
    }

    Deployment reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> deployments.findById(id));
    }

    /** The deployment's log as its text endpoint renders it. */
    String logOf(Deployment deployment) {
        return logs.after(deployment.projectId(), deployment.id(), 0).lines().stream().map(LogLine::render).collect(Collectors.joining("\n"));
    }
}
