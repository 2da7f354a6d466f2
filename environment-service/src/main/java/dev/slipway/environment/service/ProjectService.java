package dev.slipway.environment.service;

import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.events.project.ProjectUpdated;
import jakarta.persistence.LockModeType;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.environment.domain.DomainException;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectId;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.platform.events.EventPublisher;
import dev.slipway.platform.security.ProjectAccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Project use cases: each one transaction holding the state change and its event (EVT-3). */
@ApplicationScoped
public class ProjectService {

    private final EntityManager entityManager;
    private final ProjectAccessStore access;
    private final EventPublisher events;

    public ProjectService(EntityManager entityManager, ProjectAccessStore access, EventPublisher events) {
        this.entityManager = entityManager;
        this.access = access;
        this.events = events;
    }

    /**
     * ENV-1: records the project, its creator as first admin (ENV-9) and its three environments,
     * and announces {@code project.created}, on which ssh-gateway creates the empty repository.
     */
    @Transactional
    public Project.Created create(ProjectId id, String title, Integer activeEnvironmentLimit, String createdBy) {
        if (entityManager.find(Project.class, id.value()) != null) {
            throw projectExists(id);
        }
        Project.Created created = Project.create(id, title, createdBy, activeEnvironmentLimit, Instant.now());
        entityManager.persist(created.project());
        created.environments().forEach(entityManager::persist);
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            // Another request created the same id between our check and our insert.
            throw projectExists(id);
        }
        access.grant(id.value(), createdBy, ProjectRole.ADMIN);
        events.publish(EventCatalog.PROJECT_CREATED, id.value(), "projects/" + id.value(), toEvent(created));
        return created;
    }

    /** Projects the user belongs to, or every project for support, by id after {@code afterId}. */
    @Transactional
    public List<Project> list(String userId, boolean all, String afterId, int limit) {
        String jpql = all
                ? "FROM Project p WHERE p.id > :after ORDER BY p.id"
                : "FROM Project p WHERE p.id > :after AND p.id IN (SELECT m.key.projectId FROM ProjectMember m WHERE m.key.userId = :user) ORDER BY p.id";
        var query = entityManager.createQuery(jpql, Project.class).setParameter("after", afterId == null ? "" : afterId).setMaxResults(limit);
        if (!all) {
            query.setParameter("user", userId);
        }
        return query.getResultList();
    }

    /** Title and ENV-3 limit; honours If-Match (API-5). */
    @Transactional
    public Project update(String projectId, String title, Integer activeEnvironmentLimit, String ifMatch, String by) {
        Project project = entityManager.find(Project.class, projectId, LockModeType.PESSIMISTIC_WRITE);
        if (project == null) {
            throw ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
        }
        ETags.requireMatch(ifMatch, project.version());
        if (title != null) {
            project.rename(title);
        }
        if (activeEnvironmentLimit != null) {
            project.changeActiveEnvironmentLimit(activeEnvironmentLimit);
        }
        events.publish(EventCatalog.PROJECT_UPDATED, projectId, "projects/" + projectId,
                new ProjectUpdated(projectId, project.title(), project.activeEnvironmentLimit(), by));
        entityManager.flush();
        return project;
    }

    /** Deletes the project with its environments, variables and activities; the others clean up on project.deleted. */
    @Transactional
    public void delete(String projectId, String ifMatch, String by) {
        Project project = entityManager.find(Project.class, projectId, LockModeType.PESSIMISTIC_WRITE);
        if (project == null) {
            throw ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
        }
        ETags.requireMatch(ifMatch, project.version());
        entityManager.remove(project);
        access.forgetProject(projectId);
        events.publish(EventCatalog.PROJECT_DELETED, projectId, "projects/" + projectId, new ProjectDeleted(projectId, by));
    }

    @Transactional
    public Optional<Project.Created> find(String projectId) {
        return Optional.ofNullable(entityManager.find(Project.class, projectId))
                .map(project -> new Project.Created(project, environmentsOf(projectId)));
    }

    private List<Environment> environmentsOf(String projectId) {
        return entityManager.createQuery("FROM Environment e WHERE e.key.projectId = :project ORDER BY e.createdAt, e.key.id", Environment.class)
                .setParameter("project", projectId).getResultList();
    }

    private static DomainException projectExists(ProjectId id) {
        return new DomainException("ENV-1", 409, "project-exists", "A project with id '" + id + "' already exists.");
    }

    private static ProjectCreated toEvent(Project.Created created) {
        Project project = created.project();
        return new ProjectCreated(project.id(), project.title(), project.createdBy(), project.activeEnvironmentLimit(),
                created.environments().stream()
                        .map(env -> new ProjectCreated.EnvironmentSummary(env.id(), env.type().name(), env.status().name(), env.branch(), env.parentId()))
                        .toList(),
                project.createdAt());
    }
}
