package dev.slipway.environment.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The new values of a DEPLOYMENT_SETTINGS ticket's sensitive variables, by name, as ticket-service
 * serves them (SEC-3: they never travel in events). Printing one shows the names only, so a log line
 * or an exception message that mentions it leaks nothing.
 */
public final class SensitiveValues {

    private static final SensitiveValues NONE = new SensitiveValues(Map.of());

    private final Map<String, String> values;

    private SensitiveValues(Map<String, String> values) {
        this.values = values;
    }

    /** No values: a ticket without sensitive changes. */
    public static SensitiveValues none() {
        return NONE;
    }

    /** {@code values} by variable name; a null map or a null value counts as absent. */
    public static SensitiveValues of(Map<String, String> values) {
        if (values == null) {
            return NONE;
        }
        Map<String, String> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, value);
            }
        });
        return new SensitiveValues(Map.copyOf(copy));
    }

    /** The new value of {@code name}, if ticket-service holds one. */
    public Optional<String> of(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "SensitiveValues" + new TreeMap<>(values).keySet();
    }
}
