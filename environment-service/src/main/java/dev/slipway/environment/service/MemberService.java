package dev.slipway.environment.service;

import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.security.ProjectAccessStore;
import dev.slipway.platform.security.ProjectMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Project access (ENV-9): admins add, change and remove members, never the last admin. Each change
 * is an event the other services apply to their copy (SEC-1). Changes lock the project row so that
 * two concurrent demotions cannot leave it without an admin.
 */
@ApplicationScoped
public class MemberService {

    private final ProjectRepository projects;
    private final ProjectAccessStore access;
    private final EnvironmentEvents events;

    public MemberService(ProjectRepository projects, ProjectAccessStore access, EnvironmentEvents events) {
        this.projects = projects;
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
        projects.lock(projectId);
        if (access.member(projectId, userId).isPresent()) {
            throw new DomainException("ENV-9", 409, "member-exists", userId + " is already a member of project " + projectId + "; change their role instead.");
        }
        access.grant(projectId, userId, role);
        events.memberAdded(projectId, userId, role, by);
        projects.flush();
        return get(projectId, userId);
    }

    @Transactional
    public ProjectMember changeRole(String projectId, String userId, ProjectRole role, String ifMatch, String by) {
        projects.lock(projectId);
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
        events.memberRoleChanged(projectId, userId, role, previous, by);
        projects.flush();
        return member;
    }

    @Transactional
    public void remove(String projectId, String userId, String ifMatch, String by) {
        projects.lock(projectId);
        ProjectMember member = get(projectId, userId);
        ETags.requireMatch(ifMatch, member.version);
        if (member.role == ProjectRole.ADMIN) {
            requireAnotherAdmin(projectId, userId);
        }
        access.revoke(projectId, userId);
        events.memberRemoved(projectId, userId, by);
    }

    private void requireAnotherAdmin(String projectId, String userId) {
        if (access.countWithRole(projectId, ProjectRole.ADMIN) <= 1) {
            throw new DomainException("ENV-9", 409, "last-admin", userId + " is the last admin of project " + projectId
                    + "; make another member admin first.");
        }
    }
}
