package dev.slipway.environment.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VAR-3: the variables an environment sees. Project variables, overridden by the inheritable ones
 * of its ancestors (the nearest winning), overridden by its own. Disabled variables take no part,
 * so an own disabled variable does not hide an inherited one.
 */
public final class EffectiveVariables {

    private EffectiveVariables() {
    }

    /** An effective variable: whether it is inherited and from where ("project" or an environment id). */
    public record Effective(Variable variable, boolean inherited, String source) {
    }

    /**
     * The ancestors of {@code environmentId}, root first, from each environment's parent id. A
     * parent that is missing ends the chain; a cycle (which the tree never holds) is cut.
     */
    public static List<String> ancestors(String environmentId, Map<String, String> parentOf) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(environmentId));
        for (String parent = parentOf.get(environmentId); parent != null && parentOf.containsKey(parent) && seen.add(parent);
                parent = parentOf.get(parent)) {
            chain.add(parent);
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * The effective variables of {@code environmentId}, by name.
     *
     * @param ancestors its ancestors, root first ({@link #ancestors})
     * @param byLevel   variables by level: {@link Variable#PROJECT_LEVEL} or an environment id;
     *                  levels not given have none
     */
    public static List<Effective> of(String environmentId, List<String> ancestors, Map<String, List<Variable>> byLevel) {
        Map<String, Effective> result = new LinkedHashMap<>();
        for (Variable variable : byLevel.getOrDefault(Variable.PROJECT_LEVEL, List.of())) {
            if (variable.enabled()) {
                result.put(variable.name(), new Effective(variable, true, "project"));
            }
        }
        for (String ancestor : ancestors) {
            for (Variable variable : byLevel.getOrDefault(ancestor, List.of())) {
                if (variable.enabled() && variable.inheritable()) {
                    result.put(variable.name(), new Effective(variable, true, ancestor));
                }
            }
        }
        for (Variable variable : byLevel.getOrDefault(environmentId, List.of())) {
            if (variable.enabled()) {
                result.put(variable.name(), new Effective(variable, false, environmentId));
            }
        }
        return result.values().stream().sorted(Comparator.comparing(effective -> effective.variable().name())).toList();
    }
}
