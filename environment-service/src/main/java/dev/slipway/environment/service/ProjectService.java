package dev.slipway.environment.service;

import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.ProjectId;
import dev.slipway.platform.security.ProjectAccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Project use cases: each one transaction holding the state change and its event (EVT-3). */
@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final EnvironmentRepository environments;
    private final ProjectAccessStore access;
    private final EnvironmentEvents events;

    public ProjectService(ProjectRepository projects, EnvironmentRepository environments, ProjectAccessStore access, EnvironmentEvents events) {
        this.projects = projects;
        this.environments = environments;
        this.access = access;
        this.events = events;
    }

    /**
     * ENV-1: records the project, its creator as first admin (ENV-9) and its three environments,
     * and announces {@code project.created}, on which ssh-gateway creates the empty repository.
     */
    @Transactional
    public Project.Created create(ProjectId id, String title, Integer activeEnvironmentLimit, String createdBy) {
        if (projects.find(id.value()).isPresent()) {
            throw projectExists(id);
        }
        Project.Created created = Project.create(id, title, createdBy, activeEnvironmentLimit, Instant.now());
        projects.persist(created.project());
        environments.persist(created.environments());
        try {
            projects.flush();
        } catch (PersistenceException e) {
            // Another request created the same id between our check and our insert.
            throw projectExists(id);
        }
        access.grant(id.value(), createdBy, ProjectRole.ADMIN);
        events.projectCreated(created);
        return created;
    }

    /** Title and ENV-3 limit; honours If-Match (API-5). */
    @Transactional
    public Project update(String projectId, String title, Integer activeEnvironmentLimit, String ifMatch, String by) {
        Project project = projects.lock(projectId);
        ETags.requireMatch(ifMatch, project.version());
        if (title != null) {
            project.rename(title);
        }
        if (activeEnvironmentLimit != null) {
            project.changeActiveEnvironmentLimit(activeEnvironmentLimit);
        }
        events.projectUpdated(project, by);
        projects.flush();
        return project;
    }

    /** Deletes the project with its environments, variables and activities; the others clean up on project.deleted. */
    @Transactional
    public void delete(String projectId, String ifMatch, String by) {
        Project project = projects.lock(projectId);
        ETags.requireMatch(ifMatch, project.version());
        projects.delete(project);
        access.forgetProject(projectId);
        events.projectDeleted(projectId, by);
    }

    /** The project with its environments, oldest first. */
    @Transactional
    public Optional<Project.Created> find(String projectId) {
        return projects.find(projectId).map(project -> new Project.Created(project, environments.ofProject(projectId)));
    }

    private static DomainException projectExists(ProjectId id) {
        return new DomainException("ENV-1", 409, "project-exists", "A project with id '" + id + "' already exists.");
    }
}
