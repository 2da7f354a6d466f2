package dev.slipway.environment.service;

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
