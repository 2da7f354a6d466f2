package dev.slipway.deployment.appconfig;

import dev.slipway.deployment.appconfig.YamlNode.Entry;
import dev.slipway.deployment.appconfig.YamlNode.Mapping;
import dev.slipway.deployment.appconfig.YamlNode.Scalar;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of routes.yaml (CFG-1): a mapping of route patterns ({@code "https://{default}/"})
 * to mappings whose {@code type} is {@code upstream} or {@code redirect}. The content is kept as
 * written; an empty file means no routes.
 */
final class RoutesYaml {

    private static final Set<String> TYPES = Set.of("upstream", "redirect");

    private RoutesYaml() {
    }

    /** The routes, or null when a rule is broken (each one is in {@code problems}). */
    static Map<String, Object> read(YamlNode root, FileProblems problems) {
        if (root == null || root instanceof Scalar scalar && scalar.value() == null) {
            return Map.of();
        }
        if (!(root instanceof Mapping routes)) {
            problems.add(root.line(), "the top level must be a mapping of routes, not " + root.describe());
            return null;
        }
        int before = problems.count();
        for (Entry route : routes.entries().values()) {
            if (!(route.value() instanceof Mapping definition)) {
                problems.add(route.keyLine(), "route '" + route.key() + "' must be a mapping, not " + route.value().describe());
                continue;
            }
            Optional<Entry> type = definition.get("type");
            Object value = type.map(Entry::value).filter(Scalar.class::isInstance).map(node -> ((Scalar) node).value()).orElse(null);
            if (type.isEmpty()) {
                problems.add(route.keyLine(), "route '" + route.key() + "' needs a type (upstream or redirect)");
            } else if (!TYPES.contains(value)) {
                problems.add(type.get().keyLine(), "route '" + route.key() + "' type must be upstream or redirect, not "
                        + (value instanceof String text ? "'" + text + "'" : type.get().value().describe()));
            }
        }
        return problems.count() > before ? null : routes.plain();
    }
}
