package dev.slipway.deployment.service;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.messaging.DeploymentEvents;
import dev.slipway.deployment.runner.EnvironmentRef;
import dev.slipway.deployment.runner.Runner;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.api.TimeCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deployment queue (DEP-1, DEP-3): triggers become QUEUED deployments in the transaction that
 * applies their event, a newer one supersedes the environment's older queued ones, the same trigger
 * queues once; cancel works on queued and running ones.
 */
@ApplicationScoped
public class DeploymentQueue {

    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final Runner runner;
    private final QueueSignal signal;

    public DeploymentQueue(DeploymentRepository deployments, DeploymentEvents events, Runner runner, QueueSignal signal) {
        this.deployments = deployments;
        this.events = events;
        this.runner = runner;
        this.signal = signal;
    }

    /** Queues {@code request}; a trigger already queued answers the deployment it queued then. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Deployment enqueue(DeploymentRequest request) {
        if (request.triggerKey() != null) {
            var existing = deployments.byTriggerKey(request.triggerKey());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return add(Deployment.queue(request, Instant.now()));
    }

    /**
     * DEP-9: queues a rollback to {@code id}'s release; refused when that deployment did not
     * succeed, is on a tier (a DEPLOY ticket does it there) or its release is no longer kept.
     */
    @Transactional
    public Deployment rollback(String projectId, UUID id, String by) {
        Deployment earlier = get(projectId, id);
        Deployment rollback = earlier.rollback(by, Instant.now());
        if (!releaseKept(earlier)) {
            throw new DomainException("DEP-9", 409, "release-gone", "The release of deployment " + id + " is no longer kept (an environment keeps "
                    + "its last releases); deploy commit " + earlier.commit() + " again instead.");
        }
        return add(rollback);
    }

    /** DEP-9, for views: whether a rollback to this deployment's release would be taken now. */
    public boolean rollbackPossible(Deployment deployment) {
        return deployment.state() == DeploymentState.SUCCEEDED && deployment.environmentType().isSelfService() && releaseKept(deployment);
    }

    private boolean releaseKept(Deployment deployment) {
        return runner.release(new EnvironmentRef(deployment.projectId(), deployment.environmentId()), deployment.id().toString()).isPresent();
    }

    /** DEP-3: the newest queued deployment of an environment supersedes its older queued ones. */
    private Deployment add(Deployment deployment) {
        Instant now = deployment.queuedAt();
        for (Deployment older : deployments.unfinishedOf(deployment.projectId(), deployment.environmentId())) {
            if (older.supersedeBy(deployment, now)) {
                events.cancelled(older);
            }
        }
        deployments.persist(deployment);
        events.queued(deployment);
        signal.queued(deployment);
        return deployment;
    }

    /** The environment stopped serving (deactivated or deleted): what waits or runs there is cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void environmentGone(String projectId, String environmentId, String by) {
        Instant now = Instant.now();
        for (Deployment deployment : deployments.unfinishedOf(projectId, environmentId)) {
            deployment.cancel(by, now);
            events.cancelled(deployment);
        }
    }

    @Transactional
    public Deployment cancel(String projectId, UUID id, String by) {
        Deployment deployment = get(projectId, id);
        deployment.cancel(by, Instant.now());
        events.cancelled(deployment);
        return deployment;
    }

    @Transactional
    public Deployment get(String projectId, UUID id) {
        return deployments.inProject(projectId, id)
                .orElseThrow(() -> ProblemException.notFound("Project " + projectId + " has no deployment " + id + "."));
    }

    /** A page of a project's deployments, newest first; {@code cursor} is {@code <queuedAt>|<id>}. */
    @Transactional
    public List<Deployment> list(String projectId, DeploymentRepository.Filter filter, String cursor, int limit) {
        TimeCursor before = TimeCursor.parse(cursor);
        return deployments.ofProject(projectId, filter, before == null ? null : before.at(), before == null ? null : before.id(), limit);
    }

    public static String cursorOf(Deployment deployment) {
        return TimeCursor.of(deployment.queuedAt(), deployment.id());
    }
}
