package dev.slipway.environment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.BranchName;
import dev.slipway.environment.domain.DomainException;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.EnvironmentType;
import dev.slipway.environment.domain.Project;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.environment.DeploymentRequested;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.git.RefUpdated;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Environment operations (ENV-4): each runs in one transaction that changes the environment,
 * records its Activity (API-3) and writes the events that ask the git host and deployment-service
 * to do their part (EVT-3). Operations that need the git host complete when it answers
 * ({@link #gitOperationCompleted}, {@link #gitOperationFailed}).
 */
@ApplicationScoped
public class EnvironmentService {

    private final EntityManager entityManager;
    private final EventPublisher events;
    private final ObjectMapper objectMapper;

    public EnvironmentService(EntityManager entityManager, EventPublisher events, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.events = events;
        this.objectMapper = objectMapper;
    }

    /** Filters of the environment list. */
    public record Filter(EnvironmentType type, EnvironmentStatus status) {
    }

    /** Every environment of the project. */
    @Transactional
    public List<Environment> list(String projectId) {
        return list(projectId, new Filter(null, null), null, Integer.MAX_VALUE);
    }

    /** A page of environments by id, after {@code afterId} (null: from the first). */
    @Transactional
    public List<Environment> list(String projectId, Filter filter, String afterId, int limit) {
        var query = entityManager.createQuery("FROM Environment e WHERE e.key.projectId = :project AND e.key.id > :after"
                        + (filter.type() == null ? "" : " AND e.type = :type")
                        + (filter.status() == null ? "" : " AND e.status = :status")
                        + " ORDER BY e.key.id", Environment.class)
                .setParameter("project", projectId).setParameter("after", afterId == null ? "" : afterId).setMaxResults(limit);
        if (filter.type() != null) {
            query.setParameter("type", filter.type());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        return query.getResultList();
    }

    @Transactional
    public Optional<Environment> find(String projectId, String environmentId) {
        return Optional.ofNullable(entityManager.find(Environment.class, new Environment.Key(projectId, environmentId)));
    }

    /** ENV-4 branch: the child starts from the parent's head and a copy of its data; ACTIVE within ENV-3. */
    @Transactional
    public Activity branch(String projectId, String parentId, String branchName, String title, String user) {
        Project project = lockProject(projectId);
        Environment parent = get(projectId, parentId);
        BranchName name = new BranchName(branchName);
        String childId = name.environmentId();
        if (find(projectId, childId).isPresent() || branchTaken(projectId, name.value())) {
            throw new DomainException("ENV-2", 409, "environment-exists", "Branch '" + name + "' gives environment id '" + childId
                    + "', which project " + projectId + " already has.");
        }
        parent.requireIntegration("branch");
        project.requireRoomForActiveEnvironment(countActive(projectId));
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, childId, "environment.branch", user, Map.of("parent", parentId, "branch", name.value()), now);
        Environment child = parent.branch(name, title, activity.id(), now);
        entityManager.persist(child);
        entityManager.flush();
        publishChange(EventCatalog.ENVIRONMENT_CREATED, child, "BRANCH", activity, user);
        requestGit(activity, child, GitOperationRequested.Kind.CREATE_BRANCH, child.branch(), parent.branch(), user);
        return activity;
    }

    /** ENV-4 merge: into the parent's branch; the parent redeploys. Variables are not merged. */
    @Transactional
    public Activity merge(String projectId, String environmentId, String user) {
        Environment environment = get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.merge", user, Map.of(), now);
        environment.startMerge(activity.id(), now);
        Environment parent = get(projectId, environment.parentId());
        requestGit(activity, environment, GitOperationRequested.Kind.MERGE, environment.branch(), parent.branch(), user);
        return activity;
    }

    /** ENV-4 sync: code merges the parent's branch into this one; data copies the parent's data; then it redeploys. */
    @Transactional
    public Activity sync(String projectId, String environmentId, boolean code, boolean data, String user) {
        if (!code && !data) {
            throw new DomainException("ENV-4", 400, "nothing-to-synchronize", "Nothing to synchronize: you must specify data or code");
        }
        Environment environment = get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.sync", user, Map.of("code", code, "data", data), now);
        if (code) {
            environment.startSync(activity.id(), now);
            Environment parent = get(projectId, environment.parentId());
            requestGit(activity, environment, GitOperationRequested.Kind.SYNC, environment.branch(), parent.branch(), user);
        } else {
            environment.requireDeployable("sync");
            if (environment.parentId() == null) {
                throw new DomainException("ENV-4", 409, "no-parent", "The environment does not have a parent, so it cannot be synchronized");
            }
            requestDeployment(environment, "SYNC", environment.parentId(), activity, user);
            activity.succeed(now, "data of " + environment.parentId() + " will be copied by the deployment");
        }
        return activity;
    }

    /** ENV-4 activate: only INACTIVE, within ENV-3; copies the parent's data and deploys the head. */
    @Transactional
    public Activity activate(String projectId, String environmentId, String user) {
        Project project = lockProject(projectId);
        Environment environment = get(projectId, environmentId);
        environment.requireIntegration("activate");
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.activate", user, Map.of(), now);
        if (environment.status() == EnvironmentStatus.INACTIVE) {
            project.requireRoomForActiveEnvironment(countActive(projectId));
        }
        environment.activate(now);
        publishChange(EventCatalog.ENVIRONMENT_ACTIVATED, environment, "ACTIVATE", activity, user);
        requestDeployment(environment, "ACTIVATE", environment.parentId(), activity, user);
        activity.succeed(now, "environment active; deployment requested");
        return activity;
    }

    /** ENV-4 deactivate: only ACTIVE, never master; it stops serving and its data is dropped. */
    @Transactional
    public Activity deactivate(String projectId, String environmentId, String user) {
        Environment environment = get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.deactivate", user, Map.of(), now);
        environment.deactivate(now);
        publishChange(EventCatalog.ENVIRONMENT_DEACTIVATED, environment, "DEACTIVATE", activity, user);
        activity.succeed(now, "environment inactive; its data will be dropped");
        return activity;
    }

    /** ENV-4 delete: only INACTIVE, never master; deletes the branch unless {@code keepBranch}. */
    @Transactional
    public Activity delete(String projectId, String environmentId, boolean keepBranch, String user) {
        Environment environment = get(projectId, environmentId);
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.delete", user, Map.of("keepBranch", keepBranch), now);
        environment.startDeleting(activity.id(), now);
        if (keepBranch) {
            remove(environment, activity, user, now);
            activity.succeed(now, "environment deleted; branch " + environment.branch() + " kept");
        } else {
            requestGit(activity, environment, GitOperationRequested.Kind.DELETE_BRANCH, environment.branch(), null, user);
        }
        return activity;
    }

    /** ENV-4 redeploy: the current head with the current variables. */
    @Transactional
    public Activity redeploy(String projectId, String environmentId, String user) {
        Environment environment = get(projectId, environmentId);
        environment.requireDeployable("redeploy");
        Instant now = Instant.now();
        Activity activity = newActivity(projectId, environmentId, "environment.redeploy", user, Map.of(), now);
        requestDeployment(environment, "REDEPLOY", null, activity, user);
        activity.succeed(now, "deployment requested");
        return activity;
    }

    /** The git host did its part: finish the activity and ask for the deployments that follow (ENV-4). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void gitOperationCompleted(GitOperationCompleted done) {
        Activity activity = entityManager.find(Activity.class, UUID.fromString(done.operationId()));
        if (activity == null) {
            return;
        }
        Instant now = Instant.now();
        Optional<Environment> found = find(done.projectId(), activity.environmentId());
        if (found.isEmpty()) {
            activity.fail(now, "environment " + activity.environmentId() + " no longer exists");
            return;
        }
        Environment environment = found.get();
        switch (done.kind()) {
            case CREATE_BRANCH -> {
                environment.gitOperationFinished(activity.id(), done.head(), now);
                requestDeployment(environment, "BRANCH", environment.parentId(), activity, activity.createdBy());
                activity.succeed(now, "branch " + done.branch() + " created at " + done.head() + "; deployment requested");
            }
            case SYNC -> {
                environment.gitOperationFinished(activity.id(), done.head(), now);
                boolean data = activity.parameters().contains("\"data\":true");
                requestDeployment(environment, "SYNC", data ? environment.parentId() : null, activity, activity.createdBy());
                activity.succeed(now, "code of " + environment.parentId() + " merged, head " + done.head() + "; deployment requested");
            }
            case MERGE -> {
                environment.gitOperationFinished(activity.id(), null, now);
                Environment parent = get(done.projectId(), environment.parentId());
                parent.headMoved(done.head(), now);
                if (parent.isActive()) {
                    requestDeployment(parent, "MERGE", null, activity, activity.createdBy());
                }
                activity.succeed(now, "merged into " + parent.branch() + " at " + done.head() + (parent.isActive() ? "; " + parent.id() + " redeploys" : ""));
            }
            case DELETE_BRANCH -> {
                remove(environment, activity, activity.createdBy(), now);
                activity.succeed(now, "branch " + done.branch() + " and environment deleted");
            }
        }
    }

    /** The git host could not do its part: the environment returns to where it was; conflicts are logged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void gitOperationFailed(GitOperationFailed failed) {
        Activity activity = entityManager.find(Activity.class, UUID.fromString(failed.operationId()));
        if (activity == null) {
            return;
        }
        Instant now = Instant.now();
        Optional<Environment> environment = find(failed.projectId(), activity.environmentId());
        String conflicts = failed.conflicts() == null || failed.conflicts().isEmpty() ? "" : "; conflicting paths: " + String.join(", ", failed.conflicts());
        switch (failed.kind()) {
            case CREATE_BRANCH -> environment.ifPresent(child -> {
                entityManager.remove(child);
                publishChange(EventCatalog.ENVIRONMENT_DELETED, child, "BRANCH_FAILED", activity, activity.createdBy());
            });
            case DELETE_BRANCH -> environment.ifPresent(env -> env.deletionFailed(now));
            case MERGE, SYNC -> environment.ifPresent(env -> env.gitOperationFinished(activity.id(), null, now));
        }
        activity.fail(now, failed.kind().name().toLowerCase().replace('_', ' ') + " failed: " + failed.reason() + conflicts);
    }

    /**
     * SSH-4: a push to a new branch creates its environment (INACTIVE when ENV-3 is reached) and
     * deploys it; a push to an existing branch deploys it; deleting a branch deletes its environment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refUpdated(RefUpdated ref) {
        Project project = entityManager.find(Project.class, ref.projectId(), LockModeType.PESSIMISTIC_WRITE);
        if (project == null) {
            return;
        }
        Instant now = Instant.now();
        String user = ref.pushedBy() == null ? "git" : ref.pushedBy();
        Optional<Environment> existing = entityManager.createQuery(
                        "FROM Environment e WHERE e.key.projectId = :project AND e.type = :type AND e.branch = :branch", Environment.class)
                .setParameter("project", ref.projectId()).setParameter("type", EnvironmentType.INTEGRATION).setParameter("branch", ref.branch())
                .getResultStream().findFirst();
        if (ref.newHead() == null) {
            existing.filter(env -> !Project.MASTER.equals(env.id())).ifPresent(env -> {
                Activity activity = newActivity(ref.projectId(), env.id(), "environment.delete", user, Map.of("trigger", "PUSH"), now);
                remove(env, activity, user, now);
                activity.succeed(now, "branch " + ref.branch() + " deleted by a push; environment deleted");
            });
            return;
        }
        if (existing.isPresent()) {
            Environment environment = existing.get();
            environment.headMoved(ref.newHead(), now);
            Activity activity = newActivity(ref.projectId(), environment.id(), "environment.push", user, Map.of("head", ref.newHead()), now);
            if (environment.isActive()) {
                requestDeployment(environment, "PUSH", null, activity, user);
            }
            activity.succeed(now, "pushed " + ref.newHead() + (environment.isActive() ? "; deployment requested" : "; environment inactive, not deployed"));
            return;
        }
        BranchName name;
        String id;
        try {
            name = new BranchName(ref.branch());
            id = name.environmentId();
        } catch (DomainException e) {
            return; // the git host refuses such pushes (SSH-4); nothing to create
        }
        if (find(ref.projectId(), id).isPresent()) {
            return; // ENV-2 collision: the push stays a plain branch
        }
        boolean room = countActive(ref.projectId()) < project.activeEnvironmentLimit();
        Environment environment = Environment.pushed(ref.projectId(), name, room, ref.newHead(), now);
        entityManager.persist(environment);
        Activity activity = newActivity(ref.projectId(), id, "environment.push", user, Map.of("head", ref.newHead()), now);
        publishChange(EventCatalog.ENVIRONMENT_CREATED, environment, "PUSH", activity, user);
        if (room) {
            requestDeployment(environment, "PUSH", null, activity, user);
        }
        activity.succeed(now, "branch " + ref.branch() + " pushed; environment " + id
                + (room ? " created and deployment requested" : " created INACTIVE: the project's active environment limit is reached (ENV-3)"));
    }

    private void remove(Environment environment, Activity activity, String user, Instant now) {
        // Children keep a place in the tree: they move up to the deleted environment's parent.
        entityManager.createQuery("FROM Environment e WHERE e.key.projectId = :project AND e.parentId = :parent", Environment.class)
                .setParameter("project", environment.projectId()).setParameter("parent", environment.id()).getResultList()
                .forEach(child -> child.reparentTo(environment.parentId(), now));
        entityManager.remove(environment);
        publishChange(EventCatalog.ENVIRONMENT_DELETED, environment, "DELETE", activity, user);
    }

    public Environment get(String projectId, String environmentId) {
        return find(projectId, environmentId).orElseThrow(() ->
                ProblemException.notFound("Project " + projectId + " has no environment '" + environmentId + "'."));
    }

    /** Serializes ENV-3 decisions of one project: concurrent activations and branches queue on this row lock. */
    private Project lockProject(String projectId) {
        Project project = entityManager.find(Project.class, projectId, LockModeType.PESSIMISTIC_WRITE);
        if (project == null) {
            throw ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
        }
        return project;
    }

    public long countActive(String projectId) {
        return entityManager.createQuery("SELECT count(e) FROM Environment e WHERE e.key.projectId = :project "
                        + "AND e.type = :type AND e.status IN (:active, :dirty)", Long.class)
                .setParameter("project", projectId).setParameter("type", EnvironmentType.INTEGRATION)
                .setParameter("active", EnvironmentStatus.ACTIVE).setParameter("dirty", EnvironmentStatus.DIRTY)
                .getSingleResult();
    }

    private boolean branchTaken(String projectId, String branch) {
        return !entityManager.createQuery("SELECT e.key.id FROM Environment e WHERE e.key.projectId = :project AND e.type = :type AND e.branch = :branch", String.class)
                .setParameter("project", projectId).setParameter("type", EnvironmentType.INTEGRATION).setParameter("branch", branch)
                .getResultList().isEmpty();
    }

    private Activity newActivity(String projectId, String environmentId, String type, String user, Map<String, Object> parameters, Instant now) {
        Activity activity = new Activity(projectId, environmentId, type, user, toJson(new LinkedHashMap<>(parameters)), now);
        entityManager.persist(activity);
        return activity;
    }

    private void requestGit(Activity activity, Environment environment, GitOperationRequested.Kind kind, String branch, String base, String user) {
        events.publish(EventCatalog.GIT_OPERATION_REQUESTED, environment.projectId(), "projects/" + environment.projectId() + "/environments/" + environment.id(),
                new GitOperationRequested(activity.id().toString(), environment.projectId(), environment.id(), kind, branch, base, user));
        activity.start(Instant.now(), "asked the git host to " + kind.name().toLowerCase().replace('_', ' ') + " " + branch
                + (base == null ? "" : " (with " + base + ")"));
    }

    private void requestDeployment(Environment environment, String trigger, String dataFrom, Activity activity, String user) {
        events.publish(EventCatalog.DEPLOYMENT_REQUESTED, environment.projectId(), "projects/" + environment.projectId() + "/environments/" + environment.id(),
                new DeploymentRequested(environment.projectId(), environment.id(), environment.branch(), environment.headCommit(), trigger,
                        dataFrom, activity == null ? null : activity.id().toString(), user));
    }

    /** VAR-4: a variable change redeploys an active Integration environment; others wait for their next deployment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void variablesChanged(Environment environment, String user) {
        if (environment.type() == EnvironmentType.INTEGRATION && environment.isActive()) {
            requestDeployment(environment, "VARIABLES", null, null, user);
        }
    }

    private void publishChange(EventType<EnvironmentChanged> type, Environment environment, String trigger, Activity activity, String user) {
        events.publish(type, environment.projectId(), "projects/" + environment.projectId() + "/environments/" + environment.id(),
                new EnvironmentChanged(environment.projectId(), environment.id(), environment.type().name(), environment.status().name(),
                        environment.branch(), environment.parentId(), trigger, activity == null ? null : activity.id().toString(), user));
    }

    private String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
