package dev.slipway.environment.service;

import dev.slipway.environment.domain.DomainException;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.Variable;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Project and environment variables (VAR-1..4). Writes on Staging and Production need an approved
 * DEPLOYMENT_SETTINGS ticket (ENV-5); a change on an active Integration environment redeploys it,
 * a project-level change redeploys every active Integration environment (VAR-4).
 */
@ApplicationScoped
public class VariableService {

    private final EntityManager entityManager;
    private final EnvironmentService environments;

    public VariableService(EntityManager entityManager, EnvironmentService environments) {
        this.entityManager = entityManager;
        this.environments = environments;
    }

    /** An effective variable (VAR-3): where it comes from and whether it is inherited. */
    public record Effective(Variable variable, boolean inherited, String source) {
    }

    @Transactional
    public List<Variable> list(String projectId, String environmentId) {
        requireScope(projectId, environmentId);
        return variablesAt(projectId, environmentId);
    }

    private List<Variable> variablesAt(String projectId, String environmentId) {
        return entityManager.createQuery("FROM Variable v WHERE v.key.projectId = :project AND v.key.environmentId = :env ORDER BY v.key.name", Variable.class)
                .setParameter("project", projectId).setParameter("env", level(environmentId)).getResultList();
    }

    @Transactional
    public Variable get(String projectId, String environmentId, String name) {
        requireScope(projectId, environmentId);
        return find(projectId, environmentId, name).orElseThrow(() -> ProblemException.notFound(
                "No variable '" + name + "' on " + (environmentId == null ? "project " + projectId : "environment " + environmentId) + "."));
    }

    @Transactional
    public Variable create(String projectId, String environmentId, String name, Variable.Settings settings, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        if (find(projectId, environmentId, name).isPresent()) {
            throw new DomainException("VAR-1", 409, "variable-exists", "Variable '" + name + "' already exists here; change it instead.");
        }
        Variable variable = Variable.create(projectId, level(environmentId), name, settings, Instant.now());
        entityManager.persist(variable);
        entityManager.flush();
        changed(projectId, environment, user);
        return variable;
    }

    @Transactional
    public Variable update(String projectId, String environmentId, String name, Variable.Settings settings, String ifMatch, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        Variable variable = get(projectId, environmentId, name);
        ETags.requireMatch(ifMatch, variable.version());
        variable.apply(settings, Instant.now());
        entityManager.flush();
        changed(projectId, environment, user);
        return variable;
    }

    @Transactional
    public void delete(String projectId, String environmentId, String name, String ifMatch, String user) {
        Optional<Environment> environment = requireWritableScope(projectId, environmentId);
        Variable variable = get(projectId, environmentId, name);
        ETags.requireMatch(ifMatch, variable.version());
        entityManager.remove(variable);
        changed(projectId, environment, user);
    }

    /** VAR-3: project < nearest ancestor's inheritable < own; disabled variables take no part. */
    @Transactional
    public List<Effective> effective(String projectId, String environmentId) {
        Environment environment = environments.get(projectId, environmentId);
        List<Environment> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String parent = environment.parentId(); parent != null && seen.add(parent); ) {
            Optional<Environment> found = environments.find(projectId, parent);
            if (found.isEmpty()) {
                break;
            }
            ancestors.add(found.get());
            parent = found.get().parentId();
        }
        Collections.reverse(ancestors);
        Map<String, Effective> result = new LinkedHashMap<>();
        for (Variable variable : variablesAt(projectId, null)) {
            if (variable.enabled()) {
                result.put(variable.name(), new Effective(variable, true, "project"));
            }
        }
        for (Environment ancestor : ancestors) {
            for (Variable variable : variablesAt(projectId, ancestor.id())) {
                if (variable.enabled() && variable.inheritable()) {
                    result.put(variable.name(), new Effective(variable, true, ancestor.id()));
                }
            }
        }
        for (Variable variable : variablesAt(projectId, environmentId)) {
            if (variable.enabled()) {
                result.put(variable.name(), new Effective(variable, false, environmentId));
            }
        }
        return result.values().stream().sorted(java.util.Comparator.comparing(e -> e.variable().name())).toList();
    }

    private void changed(String projectId, Optional<Environment> environment, String user) {
        if (environment.isPresent()) {
            environments.variablesChanged(environment.get(), user);
        } else {
            environments.list(projectId).forEach(env -> environments.variablesChanged(env, user));
        }
    }

    private Optional<Variable> find(String projectId, String environmentId, String name) {
        return Optional.ofNullable(entityManager.find(Variable.class, new Variable.Key(projectId, level(environmentId), name)));
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
