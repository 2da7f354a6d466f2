package dev.slipway.environment.service;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityRepository;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The git host's answers to the operations environment-service asked for (SSH-4, ENV-4): on
 * success the activity completes and the deployments that follow are requested; on failure the
 * environment returns to where it was and the activity fails with the reason and conflicting paths.
 */
@ApplicationScoped
public class GitHostReactions {

    private final EnvironmentRepository environments;
    private final ActivityRepository activities;
    private final EnvironmentRemoval removal;
    private final EnvironmentEvents events;

    public GitHostReactions(EnvironmentRepository environments, ActivityRepository activities, EnvironmentRemoval removal,
            EnvironmentEvents events) {
        this.environments = environments;
        this.activities = activities;
        this.removal = removal;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void completed(GitOperationCompleted done) {
        Optional<Activity> awaited = activities.awaited(done.operationId());
        if (awaited.isEmpty()) {
            return;
        }
        Activity activity = awaited.get();
        Instant now = Instant.now();
        Optional<Environment> found = environments.find(done.projectId(), activity.environmentId());
        if (found.isEmpty()) {
            activity.fail(now, "environment " + activity.environmentId() + " no longer exists");
            return;
        }
        Environment environment = found.get();
        String by = activity.createdBy();
        switch (done.kind()) {
            case CREATE_BRANCH -> {
                environment.gitOperationFinished(activity.id(), done.head(), now);
                if (done.head() == null) {
                    // DEP-1: a branch of a parent without commits has nothing to deploy, like a new project's master.
                    activity.succeed(now, "branch " + done.branch() + " created; its parent has no commit yet, so nothing is deployed until a first push");
                } else {
                    events.deploymentRequested(environment, DeploymentTrigger.BRANCH, environment.parentId(), activity, by);
                    activity.succeed(now, "branch " + done.branch() + " created at " + done.head() + "; deployment requested");
                }
            }
            case SYNC -> {
                environment.gitOperationFinished(activity.id(), done.head(), now);
                String dataFrom = activity.isTrue("data") ? environment.parentId() : null;
                events.deploymentRequested(environment, DeploymentTrigger.SYNC, dataFrom, activity, by);
                activity.succeed(now, "code of " + environment.parentId() + " merged, head " + done.head() + "; deployment requested");
            }
            case MERGE -> {
                environment.gitOperationFinished(activity.id(), null, now);
                Environment parent = environments.get(done.projectId(), environment.parentId());
                parent.headMoved(done.head(), now);
                if (parent.isActive()) {
                    events.deploymentRequested(parent, DeploymentTrigger.MERGE, null, activity, by);
                }
                activity.succeed(now, "merged into " + parent.branch() + " at " + done.head() + (parent.isActive() ? "; " + parent.id() + " redeploys" : ""));
            }
            case DELETE_BRANCH -> {
                removal.remove(environment, EnvironmentOperation.DELETE, activity, by, now);
                activity.succeed(now, "branch " + done.branch() + " and environment deleted");
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(GitOperationFailed failed) {
        Optional<Activity> awaited = activities.awaited(failed.operationId());
        if (awaited.isEmpty()) {
            return;
        }
        Activity activity = awaited.get();
        Instant now = Instant.now();
        Optional<Environment> environment = environments.find(failed.projectId(), activity.environmentId());
        switch (failed.kind()) {
            case CREATE_BRANCH -> environment.ifPresent(child -> removal.remove(child, EnvironmentOperation.BRANCH, activity, activity.createdBy(), now));
            case DELETE_BRANCH -> environment.ifPresent(kept -> kept.deletionFailed(now));
            case MERGE, SYNC -> environment.ifPresent(unchanged -> unchanged.gitOperationFinished(activity.id(), null, now));
        }
        String conflicts = failed.conflicts() == null || failed.conflicts().isEmpty() ? "" : "; conflicting paths: " + String.join(", ", failed.conflicts());
        activity.fail(now, failed.kind().description() + " failed: " + failed.reason() + conflicts);
    }
}
