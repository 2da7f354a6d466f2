package dev.slipway.environment.service;

import dev.slipway.environment.domain.DomainException;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.events.EventPublisher;
import dev.slipway.platform.security.ProjectAccessStore;
import dev.slipway.platform.security.ProjectMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Project access (ENV-9): admins add, change and remove members, never the last admin. Each change
 * is an event the other services apply to their copy (SEC-1). Changes lock the project row so that
 * two concurrent demotions cannot leave it without an admin.
 */
@ApplicationScoped
public class MemberService {

    private final EntityManager entityManager;
    private final ProjectAccessStore access;
    private final EventPublisher events;

    public MemberService(EntityManager entityManager, ProjectAccessStore access, EventPublisher events) {
        this.entityManager = entityManager;
        this.access = access;
        this.events = events;
    }

    @Transactional
    public List<ProjectMember> list(String projectId, String afterUser, int limit) {
        return access.members(projectId, afterUser, limit);
    }

    @Transactional
    public ProjectMember get(String projectId, String userId) {
        return access.member(projectId, userId).orElseThrow(() -> ProblemException.notFound(userId + " is not a member of project " + projectId + "."));
    }

    @Transactional
    public ProjectMember add(String projectId, String userId, ProjectRole role, String by) {
        lockProject(projectId);
        if (access.member(projectId, userId).isPresent()) {
            throw new DomainException("ENV-9", 409, "member-exists", userId + " is already a member of project " + projectId + "; change their role instead.");
        }
        access.grant(projectId, userId, role);
        events.publish(EventCatalog.MEMBER_ADDED, projectId, subject(projectId, userId), new MemberAdded(projectId, userId, role, by));
        entityManager.flush();
        return get(projectId, userId);
    }

    @Transactional
    public ProjectMember changeRole(String projectId, String userId, ProjectRole role, String ifMatch, String by) {
        lockProject(projectId);
        ProjectMember member = get(projectId, userId);
        ETags.requireMatch(ifMatch, member.version);
        ProjectRole previous = member.role;
        if (previous == role) {
            return member;
        }
        if (previous == ProjectRole.ADMIN) {
            requireAnotherAdmin(projectId, userId);
        }
        access.grant(projectId, userId, role);
        events.publish(EventCatalog.MEMBER_ROLE_CHANGED, projectId, subject(projectId, userId),
                new MemberRoleChanged(projectId, userId, role, previous, by));
        entityManager.flush();
        return member;
    }

    @Transactional
    public void remove(String projectId, String userId, String ifMatch, String by) {
        lockProject(projectId);
        ProjectMember member = get(projectId, userId);
        ETags.requireMatch(ifMatch, member.version);
        if (member.role == ProjectRole.ADMIN) {
            requireAnotherAdmin(projectId, userId);
        }
        access.revoke(projectId, userId);
        events.publish(EventCatalog.MEMBER_REMOVED, projectId, subject(projectId, userId), new MemberRemoved(projectId, userId, by));
    }

    private void requireAnotherAdmin(String projectId, String userId) {
        if (access.countWithRole(projectId, ProjectRole.ADMIN) <= 1) {
            throw new DomainException("ENV-9", 409, "last-admin", userId + " is the last admin of project " + projectId
                    + "; make another member admin first.");
        }
    }

    private void lockProject(String projectId) {
        if (entityManager.find(dev.slipway.environment.domain.Project.class, projectId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
        }
    }

    private static String subject(String projectId, String userId) {
        return "projects/" + projectId + "/members/" + userId;
    }
}
