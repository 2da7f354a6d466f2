package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.platform.api.NextAction;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.security.ProjectAuthorization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the caller may do next with each environment (SEC-2, ENV-3, ENV-4, ENV-5, ENV-8, DEP-1,
 * DEP-6): every operation of the environment endpoints, allowed or refused with the problem the
 * endpoint would answer now, checked in the endpoint's order, from the same rules.
 */
@ApplicationScoped
public class EnvironmentActions {

    /** The operations the views list, in this order, and the role each endpoint requires (SEC-2). */
    private static final Map<EnvironmentOperation, ProjectRole> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(EnvironmentOperation.BRANCH, ProjectRole.CONTRIBUTOR);
        ROLES.put(EnvironmentOperation.MERGE, ProjectRole.ADMIN);
        ROLES.put(EnvironmentOperation.SYNC, ProjectRole.CONTRIBUTOR);
        ROLES.put(EnvironmentOperation.ACTIVATE, ProjectRole.ADMIN);
        ROLES.put(EnvironmentOperation.DEACTIVATE, ProjectRole.ADMIN);
        ROLES.put(EnvironmentOperation.REDEPLOY, ProjectRole.CONTRIBUTOR);
        ROLES.put(EnvironmentOperation.DELETE, ProjectRole.ADMIN);
    }

    private final ProjectRepository projects;
    private final EnvironmentRepository environments;
    private final ProjectAuthorization authorization;

    public EnvironmentActions(ProjectRepository projects, EnvironmentRepository environments, ProjectAuthorization authorization) {
        this.projects = projects;
        this.environments = environments;
        this.authorization = authorization;
    }

    /** The role {@code operation}'s endpoint requires. */
    public static ProjectRole roleFor(EnvironmentOperation operation) {
        ProjectRole role = ROLES.get(operation);
        if (role == null) {
            throw new IllegalArgumentException(operation + " has no endpoint");
        }
        return role;
    }

    /**
     * For the caller of this request, on a project they may read: each environment's actions. The
     * caller's role, the project and ENV-3's count are read once, for a whole page of environments.
     */
    public Function<Environment, List<NextAction>> forCaller(String projectId) {
        Optional<Project> project = projects.find(projectId);
        long active = environments.countActive(projectId);
        Function<ProjectRole, Optional<Refusal>> refusalFor = authorization.refusals(projectId);
        Map<ProjectRole, Optional<Refusal>> roleRefusals = new EnumMap<>(ProjectRole.class);
        ROLES.values().forEach(role -> roleRefusals.computeIfAbsent(role, refusalFor));
        return environment -> ROLES.entrySet().stream().map(entry -> NextAction.of(entry.getKey().verb(),
                roleRefusals.get(entry.getValue()).or(() -> refusal(environment, entry.getKey(), project, active)))).toList();
    }

    /** The environment's own refusal, with ENV-3 where the endpoint checks it: after ENV-5, before the rest. */
    static Optional<Refusal> refusal(Environment environment, EnvironmentOperation operation, Optional<Project> project, long active) {
        Optional<Refusal> own = environment.refusalOf(operation);
        boolean takesRoom = operation == EnvironmentOperation.BRANCH
                || operation == EnvironmentOperation.ACTIVATE && environment.status() == EnvironmentStatus.INACTIVE;
        if (!takesRoom || project.isEmpty() || own.filter(refusal -> refusal.rule().equals("ENV-5")).isPresent()) {
            return own;
        }
        return project.get().roomRefusal(active).or(() -> own);
    }
}
