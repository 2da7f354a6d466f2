package dev.slipway.deployment.appconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value that remembers its 1-based line: what validation reads (CFG-2) and what the
 * canonical form is made from (CFG-3). Aliases and merge keys are already resolved; keys are the
 * text of scalar keys.
 */
sealed interface YamlNode {

    int line();

    /**
     * The value as plain Java, unmodifiable: maps with String keys in document order, lists,
     * String, Long or BigInteger, Double, Boolean, or null.
     */
    Object plain();

    /** What the value is, for a reason: "a mapping", "a list", "a string", ... */
    String describe();

    /** A key of a mapping, the line it is on, and its value. */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {

        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<Entry> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public Map<String, Object> plain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            entries.forEach((key, entry) -> plain.put(key, entry.value().plain()));
            return Collections.unmodifiableMap(plain);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public List<Object> plain() {
            List<Object> plain = new ArrayList<>(items.size());
            items.forEach(item -> plain.add(item.plain()));
            return Collections.unmodifiableList(plain);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: String, Long, BigInteger, Double, Boolean or null. */
    record Scalar(int line, Object value) implements YamlNode {

        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "empty";
            }
            if (value instanceof String) {
                return "a string";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Double) {
                return "a number";
            }
            return "an integer";
        }
    }
}
