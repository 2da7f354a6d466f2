package dev.slipway.deployment.appconfig;

import dev.slipway.deployment.appconfig.YamlNode.Entry;
import dev.slipway.deployment.appconfig.YamlNode.Mapping;
import dev.slipway.deployment.appconfig.YamlNode.Scalar;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of services.yaml (CFG-1): a mapping of service names to mappings with a
 * {@code type} ({@code mysql:10.6}) and, if given, a positive integer {@code disk} in MB. The
 * content is kept as written; an empty file means no services.
 */
final class ServicesYaml {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]*:[A-Za-z0-9_.-]+");

    private ServicesYaml() {
    }

    /** The services, or null when a rule is broken (each one is in {@code problems}). */
    static Map<String, Object> read(YamlNode root, FileProblems problems) {
        if (root == null || root instanceof Scalar scalar && scalar.value() == null) {
            return Map.of();
        }
        if (!(root instanceof Mapping services)) {
            problems.add(root.line(), "the top level must be a mapping of services, not " + root.describe());
            return null;
        }
        int before = problems.count();
        for (Entry service : services.entries().values()) {
            String label = "service '" + service.key() + "'";
            if (!NAME.matcher(service.key()).matches()) {
                problems.add(service.keyLine(), label + ": a service name is letters, digits, '_' and '-'");
            }
            if (!(service.value() instanceof Mapping definition)) {
                problems.add(service.keyLine(), label + " must be a mapping with a type, not " + service.value().describe());
                continue;
            }
            Optional<Entry> type = definition.get("type");
            if (type.isEmpty()) {
                problems.add(service.keyLine(), label + " needs a type, e.g. mysql:10.6");
            } else if (!(type.get().value() instanceof Scalar scalar && scalar.value() instanceof String text)) {
                problems.add(type.get().keyLine(), label + " type must be a string such as mysql:10.6, not " + type.get().value().describe());
            } else if (!TYPE.matcher(text).matches()) {
                problems.add(type.get().keyLine(), label + " type must be '<service>:<version>', e.g. mysql:10.6, not '" + text + "'");
            }
            definition.get("disk").ifPresent(disk -> {
                Object value = disk.value() instanceof Scalar scalar ? scalar.value() : null;
                BigInteger size = value instanceof Long l ? BigInteger.valueOf(l) : value instanceof BigInteger b ? b : null;
                if (size == null || size.signum() <= 0) {
                    problems.add(disk.keyLine(), label + " disk must be a positive integer (MB), not "
                            + (size == null ? disk.value().describe() : size.toString()));
                }
            });
        }
        return problems.count() > before ? null : services.plain();
    }
}
