package dev.slipway.environment.service;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityRepository;
import dev.slipway.environment.domain.BranchName;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.events.git.GitOperationRequested.Kind;
import dev.slipway.platform.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;

/**
 * The environment operations users run (ENV-4): each one transaction that changes the environment,
 * records its Activity (API-3) and writes the events that ask the git host and deployment-service
 * to do their part (EVT-3). Operations that need the git host complete when it answers
 * ({@link GitHostReactions}).
 */
@ApplicationScoped
public class EnvironmentOperations {

    private final ProjectRepository projects;
    private final EnvironmentRepository environments;
    private final ActivityRepository activities;
    private final EnvironmentRemoval removal;
    private final EnvironmentEvents events;

    public EnvironmentOperations(ProjectRepository projects, EnvironmentRepository environments, ActivityRepository activities,
            EnvironmentRemoval removal, EnvironmentEvents events) {
        this.projects = projects;
        this.environments = environments;
        this.activities = activities;
        this.removal = removal;
        this.events = events;
    }

    /** ENV-4 branch: the child starts from the parent's head and a copy of its data; ACTIVE within ENV-3. */
    @Transactional
    public Activity branch(String projectId, String parentId, String branchName, String title, String user) {
        Project project = projects.lock(projectId);
        Environment parent = environments.get(projectId, parentId);
        BranchName name = new BranchName(branchName);
        String childId = name.environmentId();
        if (environments.find(projectId, childId).isPresent() || environments.onBranch(projectId, name.value()).isPresent()) {
            throw new DomainException("ENV-2", 409, "environment-exists", "Branch '" + name + "' gives environment id '" + childId
                    + "', which project " + projectId + " already has.");
        }
        parent.requireIntegration(EnvironmentOperation.BRANCH);
        project.requireRoomForActiveEnvironment(environments.countActive(projectId));
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, childId, EnvironmentOperation.BRANCH, user,
                Map.of("parent", parentId, "branch", name.value()), now));
        Environment child = parent.branch(name, title, activity.id(), now);
        environments.persistAndFlush(child);
        events.environmentCreated(child, EnvironmentOperation.BRANCH, activity, user);
        askGitHost(activity, child, Kind.CREATE_BRANCH, child.branch(), parent.branch(), user);
        return activity;
    }

    /** ENV-4 merge: into the parent's branch; the parent redeploys. Variables are not merged. */
    @Transactional
    public Activity merge(String projectId, String environmentId, String user) {
        Environment environment = environments.get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.MERGE, user, Map.of(), now));
        environment.startMerge(activity.id(), now);
        Environment parent = environments.get(projectId, environment.parentId());
        askGitHost(activity, environment, Kind.MERGE, environment.branch(), parent.branch(), user);
        return activity;
    }

    /** ENV-4 sync: code merges the parent's branch into this one; data copies the parent's data; then it redeploys. */
    @Transactional
    public Activity sync(String projectId, String environmentId, boolean code, boolean data, String user) {
        Environment environment = environments.get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.SYNC, user, Map.of("code", code, "data", data), now));
        environment.startSync(code, data, activity.id(), now);
        if (code) {
            Environment parent = environments.get(projectId, environment.parentId());
            askGitHost(activity, environment, Kind.SYNC, environment.branch(), parent.branch(), user);
        } else {
            events.deploymentRequested(environment, DeploymentTrigger.SYNC, environment.parentId(), activity, user);
            activity.succeed(now, "data of " + environment.parentId() + " will be copied by the deployment");
        }
        return activity;
    }

    /** ENV-4 activate: only INACTIVE, within ENV-3; copies the parent's data and deploys the head. */
    @Transactional
    public Activity activate(String projectId, String environmentId, String user) {
        Project project = projects.lock(projectId);
        Environment environment = environments.get(projectId, environmentId);
        environment.requireIntegration(EnvironmentOperation.ACTIVATE);
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.ACTIVATE, user, Map.of(), now));
        if (environment.status() == EnvironmentStatus.INACTIVE) {
            project.requireRoomForActiveEnvironment(environments.countActive(projectId));
        }
        environment.activate(now);
        events.environmentActivated(environment, activity, user);
        events.deploymentRequested(environment, DeploymentTrigger.ACTIVATE, environment.parentId(), activity, user);
        activity.succeed(now, "environment active; deployment requested");
        return activity;
    }

    /** ENV-4 deactivate: only ACTIVE, never master; it stops serving and its data is dropped. */
    @Transactional
    public Activity deactivate(String projectId, String environmentId, String user) {
        Environment environment = environments.get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.DEACTIVATE, user, Map.of(), now));
        environment.deactivate(now);
        events.environmentDeactivated(environment, activity, user);
        activity.succeed(now, "environment inactive; its data will be dropped");
        return activity;
    }

    /** ENV-4 delete: only INACTIVE, never master; deletes the branch unless {@code keepBranch}. */
    @Transactional
    public Activity delete(String projectId, String environmentId, boolean keepBranch, String user) {
        Environment environment = environments.get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.DELETE, user, Map.of("keepBranch", keepBranch), now));
        environment.startDeleting(activity.id(), now);
        if (keepBranch) {
            removal.remove(environment, EnvironmentOperation.DELETE, activity, user, now);
            activity.succeed(now, "environment deleted; branch " + environment.branch() + " kept");
        } else {
            askGitHost(activity, environment, Kind.DELETE_BRANCH, environment.branch(), null, user);
        }
        return activity;
    }

    /** ENV-4 redeploy: the current head with the current variables. */
    @Transactional
    public Activity redeploy(String projectId, String environmentId, String user) {
        Environment environment = environments.get(projectId, environmentId);
        environment.requireRedeployable();
        Instant now = Instant.now();
        Activity activity = record(new Activity(projectId, environmentId, EnvironmentOperation.REDEPLOY, user, Map.of(), now));
        events.deploymentRequested(environment, DeploymentTrigger.REDEPLOY, null, activity, user);
        activity.succeed(now, "deployment requested");
        return activity;
    }

    private Activity record(Activity activity) {
        activities.persist(activity);
        return activity;
    }

    private void askGitHost(Activity activity, Environment environment, Kind kind, String branch, String base, String user) {
        events.gitOperationRequested(activity, environment, kind, branch, base, user);
        activity.start(Instant.now(), "asked the git host to " + kind.description() + " " + branch + (base == null ? "" : " (with " + base + ")"));
    }
}
