package dev.slipway.environment.service;

import dev.slipway.environment.domain.EffectiveVariables;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.domain.VariableRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Project and environment variables (VAR-1..4). Writes on Staging and Production need an approved
 * DEPLOYMENT_SETTINGS ticket (ENV-5); a change on an active Integration environment redeploys it,
 * a project-level change redeploys every active Integration environment (VAR-4).
 */
@ApplicationScoped
public class VariableService {

    private final VariableRepository variables;
    private final EnvironmentRepository environments;
    private final EnvironmentEvents events;

    public VariableService(VariableRepository variables, EnvironmentRepository environments, EnvironmentEvents events) {
        this.variables = variables;
        this.environments = environments;
        this.events = events;
    }

    /** The variables of the project ({@code environmentId} null) or of one environment. */
    @Transactional
    public List<Variable> list(String projectId, String environmentId) {
        requireScope(projectId, environmentId);
        return variables.atLevel(projectId, level(environmentId));
    }

    @Transactional
    public Variable get(String projectId, String environmentId, String name) {
        requireScope(projectId, environmentId);
        return variables.find(projectId, level(environmentId), name).orElseThrow(() -> ProblemException.notFound(
                "No variable '" + name + "' on " + (environmentId == null ? "project " + projectId : "environment " + environmentId) + "."));
    }

    @Transactional
    public Variable create(String projectId, String environmentId, String name, Variable.Settings settings, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        if (variables.find(projectId, level(environmentId), name).isPresent()) {
            throw new DomainException("VAR-1", 409, "variable-exists", "Variable '" + name + "' already exists here; change it instead.");
        }
        Variable variable = Variable.create(projectId, level(environmentId), name, settings, Instant.now());
        variables.persistAndFlush(variable);
        redeployAfterChange(projectId, environment, user);
        return variable;
    }

    @Transactional
    public Variable update(String projectId, String environmentId, String name, Variable.Settings settings, String ifMatch, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        Variable variable = get(projectId, environmentId, name);
        ETags.requireMatch(ifMatch, variable.version());
        variable.apply(settings, Instant.now());
        variables.flush();
        redeployAfterChange(projectId, environment, user);
        return variable;
    }

    @Transactional
    public void delete(String projectId, String environmentId, String name, String ifMatch, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        Variable variable = get(projectId, environmentId, name);
        ETags.requireMatch(ifMatch, variable.version());
        variables.delete(variable);
        redeployAfterChange(projectId, environment, user);
    }

    /** VAR-3, in two queries whatever the depth of the tree: the tree (which also says the environment exists), the variables of its levels. */
    @Transactional
    public List<EffectiveVariables.Effective> effective(String projectId, String environmentId) {
        Map<String, String> tree = environments.parents(projectId);
        if (!tree.containsKey(environmentId)) {
            throw EnvironmentRepository.noSuchEnvironment(projectId, environmentId);
        }
        List<String> ancestors = EffectiveVariables.ancestors(environmentId, tree);
        List<String> levels = new ArrayList<>(ancestors);
        levels.add(Variable.PROJECT_LEVEL);
        levels.add(environmentId);
        return EffectiveVariables.of(environmentId, ancestors, variables.atLevels(projectId, levels));
    }

    /**
     * A page of {@link #effective(String, String)} (API-4): the effective variables named after
     * {@code after} (null: from the first), by name, at most {@code rows}. Overrides are resolved over
     * every level first, so a page costs the same two queries as the whole view.
     */
    @Transactional
    public List<EffectiveVariables.Effective> effective(String projectId, String environmentId, String after, int rows) {
        return effective(projectId, environmentId).stream()
                .filter(effective -> after == null || effective.variable().name().compareTo(after) > 0)
                .limit(rows).toList();
    }

    /** VAR-4: an environment's change redeploys it when active; a project's change every active Integration environment. */
    private void redeployAfterChange(String projectId, Optional<Environment> environment, String user) {
        List<Environment> affected = environment.map(List::of).orElseGet(() -> environments.activeIntegration(projectId));
        for (Environment changed : affected) {
            if (changed.redeploysOnVariableChange()) {
                events.deploymentRequested(changed, DeploymentTrigger.VARIABLES, null, null, user);
            }
        }
    }

    private void requireScope(String projectId, String environmentId) {
        if (environmentId != null) {
            environments.get(projectId, environmentId);
        }
    }

    /** ENV-5 / VAR-4: Staging and Production settings are written only by approved tickets. */
    private Optional<Environment> requireWritableScope(String projectId, String environmentId) {
        if (environmentId == null) {
            return Optional.empty();
        }
        Environment environment = environments.get(projectId, environmentId);
        environment.requireSelfServiceSettings();
        return Optional.of(environment);
    }

    private static String level(String environmentId) {
        return environmentId == null ? Variable.PROJECT_LEVEL : environmentId;
    }
}
