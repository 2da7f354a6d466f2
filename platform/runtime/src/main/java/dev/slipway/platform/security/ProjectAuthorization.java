package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * The role check every service uses (SEC-1, SEC-2), answered from this service's own
 * {@code project_access} (ENV-9). A user who is not a member learns nothing about the project
 * (404); a member without the role needed gets 403 naming it. Support reads every project but
 * writes none through these checks; the {@code service} group passes every check.
 *
 * <p>Two forms: for the caller of an HTTP request ({@link #require(String, ProjectRole)}), and for
 * a user known otherwise, such as the owner of an SSH key ({@link #require(String, String, ProjectRole)}).
 */
@ApplicationScoped
public class ProjectAuthorization {

    private final ProjectAccessStore store;
    private final Caller caller;

    public ProjectAuthorization(ProjectAccessStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    /** The answer when a project does not exist or the caller may not know it does. */
    public static ProblemException noSuchProject(String projectId) {
        return ProblemException.notFound("Project " + projectId + " does not exist or you are not a member.");
    }

    /** The caller's own role on the project, if a member. */
    public Optional<ProjectRole> callerRole(String projectId) {
        return roleOf(projectId, caller.userId());
    }

    /** {@code userId}'s role on the project, if a member. */
    public Optional<ProjectRole> roleOf(String projectId, String userId) {
        return store.roleOf(projectId, userId);
    }

    /** Whether {@code userId} holds at least {@code needed} on the project; for callers without an HTTP request. */
    public boolean holds(String projectId, String userId, ProjectRole needed) {
        return roleOf(projectId, userId).map(role -> role.includes(needed)).orElse(false);
    }

    public void requireRead(String projectId) {
        require(projectId, ProjectRole.VIEWER);
    }

    /** Passes when the caller of this request holds at least {@code needed} on {@code projectId}. */
    public void require(String projectId, ProjectRole needed) {
        if (caller.isService()) {
            return;
        }
        Optional<ProjectRole> role = callerRole(projectId);
        if (role.isEmpty() && !caller.isSupport()) {
            throw noSuchProject(projectId);
        }
        raise(refusal(role, caller.isSupport(), projectId, needed));
    }

    /**
     * SEC-2 as a value, for views of a project the caller reads (what they may do next): for any role
     * needed, why the caller's role is not enough, as {@link #require(String, ProjectRole)} would
     * answer; the caller's role is read once.
     */
    public Function<ProjectRole, Optional<Refusal>> refusals(String projectId) {
        if (caller.isService()) {
            return needed -> Optional.empty();
        }
        Optional<ProjectRole> role = callerRole(projectId);
        boolean support = caller.isSupport();
        return needed -> refusal(role, support, projectId, needed);
    }

    /** Passes when {@code userId} (not the request's caller) holds at least {@code needed}; same answers as {@link #require(String, ProjectRole)}. */
    public void require(String projectId, String userId, ProjectRole needed) {
        Optional<ProjectRole> role = roleOf(projectId, userId);
        if (role.isEmpty()) {
            throw noSuchProject(projectId);
        }
        raise(refusal(role, false, projectId, needed));
    }

    private static Optional<Refusal> refusal(Optional<ProjectRole> role, boolean support, String projectId, ProjectRole needed) {
        if (role.isEmpty()) {
            return support && needed == ProjectRole.VIEWER ? Optional.empty() : Refusal.of("SEC-2", 403, "insufficient-role", support
                    ? "Support reads every project but changes one only through tickets or as a member."
                    : "This needs the " + needed.wireName() + " role on project " + projectId + "; you are not a member.");
        }
        return role.get().includes(needed) ? Optional.empty() : Refusal.of("SEC-2", 403, "insufficient-role",
                "This needs the " + needed.wireName() + " role on project " + projectId + "; you are " + role.get().wireName() + ".");
    }

    private static void raise(Optional<Refusal> refusal) {
        Refusal.raise(refusal); // a DomainException: the 403 names SEC-2
    }
}
