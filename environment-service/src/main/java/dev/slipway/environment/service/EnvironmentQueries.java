package dev.slipway.environment.service;

import dev.slipway.environment.domain.EffectiveVariables;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentNode;
import dev.slipway.environment.domain.EnvironmentNodeRepository;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.domain.VariableRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Environments as the API shows them: with their reported nodes (ENV-6) and admin path (ENV-7).
 * A page costs the same few queries however many environments it holds: the page, their nodes,
 * the project's ADMIN_URL variables and, only when there are any, the tree. Reads only: no
 * transaction to commit, and the entities are loaded read-only (no snapshots for dirty checking).
 */
@ApplicationScoped
public class EnvironmentQueries {

    /** ENV-7: the variable that moves the admin URL's path. */
    static final String ADMIN_URL = "ADMIN_URL";

    private final EnvironmentRepository environments;
    private final EnvironmentNodeRepository nodes;
    private final VariableRepository variables;

    public EnvironmentQueries(EnvironmentRepository environments, EnvironmentNodeRepository nodes, VariableRepository variables) {
        this.environments = environments;
        this.nodes = nodes;
        this.variables = variables;
    }

    /** An environment with what its view needs besides itself. */
    public record Details(Environment environment, List<EnvironmentNode> nodes, String adminPath) {
    }

    public List<Details> page(String projectId, EnvironmentRepository.Filter filter, String afterId, int limit) {
        return details(projectId, environments.page(projectId, filter, afterId, limit));
    }

    public Details get(String projectId, String environmentId) {
        return details(projectId, List.of(environments.get(projectId, environmentId))).get(0);
    }

    private List<Details> details(String projectId, List<Environment> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, List<EnvironmentNode>> reported = nodes.of(projectId, page.stream().map(Environment::id).toList());
        Map<String, List<Variable>> adminUrls = variables.named(projectId, ADMIN_URL);
        Map<String, String> tree = adminUrls.isEmpty() ? Map.of() : environments.parents(projectId);
        return page.stream().map(environment -> new Details(environment, reported.getOrDefault(environment.id(), List.of()),
                adminUrls.isEmpty() ? null : adminPath(environment.id(), tree, adminUrls))).toList();
    }

    /** ENV-7: the effective ADMIN_URL (VAR-3), unless it is sensitive. */
    private static String adminPath(String environmentId, Map<String, String> tree, Map<String, List<Variable>> adminUrls) {
        return EffectiveVariables.of(environmentId, EffectiveVariables.ancestors(environmentId, tree), adminUrls).stream()
                .map(EffectiveVariables.Effective::variable)
                .filter(variable -> !variable.sensitive())
                .map(Variable::value).findFirst().orElse(null);
    }
}
