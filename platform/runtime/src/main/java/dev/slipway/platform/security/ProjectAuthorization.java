package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The role check every service uses (SEC-1, SEC-2), answered from this service's own
 * {@code project_access} (ENV-9). A user who is not a member learns nothing about the project
 * (404); a member without the role needed gets 403 naming it. Support reads every project but
 * writes none through these checks; the {@code service} group passes every check.
 */
@ApplicationScoped
public class ProjectAuthorization {

    private final ProjectAccessStore store;
    private final Caller caller;

    public ProjectAuthorization(ProjectAccessStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    /** The caller's own role on the project, if a member. */
    public Optional<ProjectRole> callerRole(String projectId) {
        return store.roleOf(projectId, caller.userId());
    }

    public void requireRead(String projectId) {
        require(projectId, ProjectRole.VIEWER);
    }

    /** Passes when the caller holds at least {@code needed} on {@code projectId}. */
    public void require(String projectId, ProjectRole needed) {
        if (caller.isService()) {
            return;
        }
        Optional<ProjectRole> role = callerRole(projectId);
        if (role.isPresent()) {
            if (!role.get().includes(needed)) {
                throw ProblemException.forbidden("insufficient-role",
                        "This needs the " + needed.wireName() + " role on project " + projectId + "; you are " + role.get().wireName() + ".");
            }
            return;
        }
        if (caller.isSupport()) {
            if (needed == ProjectRole.VIEWER) {
                return;
            }
            throw ProblemException.forbidden("insufficient-role",
                    "Support reads every project but changes one only through tickets or as a member.");
        }
        throw ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
    }
}
