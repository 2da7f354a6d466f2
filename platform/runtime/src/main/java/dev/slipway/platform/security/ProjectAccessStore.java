package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code project_access}. environment-service writes it in the transactions that
 * change membership; the other services write it only from membership events.
 */
@ApplicationScoped
public class ProjectAccessStore {

    private final EntityManager entityManager;

    public ProjectAccessStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<ProjectMember> member(String projectId, String userId) {
        return Optional.ofNullable(entityManager.find(ProjectMember.class, new ProjectMember.Key(projectId, userId)));
    }

    /** Members of a project after {@code afterUser} (null: from the first), by user id. */
    public List<ProjectMember> members(String projectId, String afterUser, int limit) {
        return entityManager.createQuery("FROM ProjectMember m WHERE m.key.projectId = :project AND m.key.userId > :after ORDER BY m.key.userId",
                        ProjectMember.class)
                .setParameter("project", projectId).setParameter("after", afterUser == null ? "" : afterUser)
                .setMaxResults(limit).getResultList();
    }

    public long countWithRole(String projectId, ProjectRole role) {
        return entityManager.createQuery("SELECT count(m) FROM ProjectMember m WHERE m.key.projectId = :project AND m.role = :role", Long.class)
                .setParameter("project", projectId).setParameter("role", role).getSingleResult();
    }

    public Optional<ProjectRole> roleOf(String projectId, String userId) {
        return Optional.ofNullable(entityManager.find(ProjectMember.class, new ProjectMember.Key(projectId, userId)))
                .map(member -> member.role);
    }



    /** Sets the user's role, adding the membership if needed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grant(String projectId, String userId, ProjectRole role) {
        ProjectMember member = entityManager.find(ProjectMember.class, new ProjectMember.Key(projectId, userId));
        boolean added = member == null;
        if (added) {
            member = new ProjectMember();
            member.key = new ProjectMember.Key(projectId, userId);
        }
        member.role = role;
        member.updatedAt = Instant.now();
        if (added) {
            entityManager.persist(member);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(String projectId, String userId) {
        entityManager.createQuery("DELETE FROM ProjectMember m WHERE m.key.projectId = :project AND m.key.userId = :user")
                .setParameter("project", projectId).setParameter("user", userId).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetProject(String projectId) {
        entityManager.createQuery("DELETE FROM ProjectMember m WHERE m.key.projectId = :project")
                .setParameter("project", projectId).executeUpdate();
    }
}
