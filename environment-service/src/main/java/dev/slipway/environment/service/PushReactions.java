package dev.slipway.environment.service;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityRepository;
import dev.slipway.environment.domain.BranchName;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.events.git.RefUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * SSH-4: pushes reported by the git host. A push to a new branch creates its environment (INACTIVE
 * when ENV-3 is reached) and deploys it; a push to an existing branch deploys it; deleting a branch
 * deletes its environment (never master's).
 */
@ApplicationScoped
public class PushReactions {

    private final ProjectRepository projects;
    private final EnvironmentRepository environments;
    private final ActivityRepository activities;
    private final EnvironmentRemoval removal;
    private final EnvironmentEvents events;

    public PushReactions(ProjectRepository projects, EnvironmentRepository environments, ActivityRepository activities,
            EnvironmentRemoval removal, EnvironmentEvents events) {
        this.projects = projects;
        this.environments = environments;
        this.activities = activities;
        this.removal = removal;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refUpdated(RefUpdated ref) {
        // Locked: a push that creates an environment decides ENV-3 like branch and activate do.
        Optional<Project> project = projects.lockIfExists(ref.projectId());
        if (project.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        String user = ref.pushedBy() == null ? "git" : ref.pushedBy();
        Optional<Environment> existing = environments.onBranch(ref.projectId(), ref.branch());
        if (ref.newHead() == null) {
            existing.filter(environment -> !environment.isMaster()).ifPresent(environment -> {
                Activity activity = record(new Activity(ref.projectId(), environment.id(), EnvironmentOperation.DELETE, user, Map.of("trigger", "PUSH"), now));
                removal.remove(environment, EnvironmentOperation.PUSH, activity, user, now);
                activity.succeed(now, "branch " + ref.branch() + " deleted by a push; environment deleted");
            });
        } else if (existing.isPresent()) {
            pushedTo(existing.get(), ref.newHead(), user, now);
        } else {
            branchPushed(project.get(), ref, user, now);
        }
    }

    private void pushedTo(Environment environment, String head, String user, Instant now) {
        environment.headMoved(head, now);
        Activity activity = record(new Activity(environment.projectId(), environment.id(), EnvironmentOperation.PUSH, user, Map.of("head", head), now));
        if (environment.isActive()) {
            events.deploymentRequested(environment, DeploymentTrigger.PUSH, null, activity, user);
        }
        activity.succeed(now, "pushed " + head + (environment.isActive() ? "; deployment requested" : "; environment inactive, not deployed"));
    }

    private void branchPushed(Project project, RefUpdated ref, String user, Instant now) {
        Optional<BranchName> name = BranchName.ofEnvironment(ref.branch());
        // The git host refuses pushes of such names (SSH-4), and a name whose id another branch has
        // (ENV-2) stays a plain branch: nothing to create.
        if (name.isEmpty() || environments.find(project.id(), name.get().environmentId()).isPresent()) {
            return;
        }
        boolean room = project.hasRoomForActiveEnvironment(environments.countActive(project.id()));
        Environment environment = Environment.pushed(project.id(), name.get(), room, ref.newHead(), now);
        environments.persist(environment);
        Activity activity = record(new Activity(project.id(), environment.id(), EnvironmentOperation.PUSH, user, Map.of("head", ref.newHead()), now));
        events.environmentCreated(environment, EnvironmentOperation.PUSH, activity, user);
        if (room) {
            events.deploymentRequested(environment, DeploymentTrigger.PUSH, null, activity, user);
        }
        activity.succeed(now, "branch " + ref.branch() + " pushed; environment " + environment.id()
                + (room ? " created and deployment requested" : " created INACTIVE: the project's active environment limit is reached (ENV-3)"));
    }

    private Activity record(Activity activity) {
        activities.persist(activity);
        return activity;
    }
}
