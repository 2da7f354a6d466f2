package dev.slipway.environment.domain;

import dev.slipway.events.ticket.TicketApproved.VariableChange;
import dev.slipway.platform.domain.Refusal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variable changes of one DEPLOYMENT_SETTINGS ticket (TKT-1) against the variables its
 * environment has now: every change is checked before any applies, so either all apply or none.
 *
 * <p>SEC-3: a sensitive value never travels in an event. A SET without a value that makes a
 * variable sensitive, or targets one that is sensitive now, takes its value from the values
 * ticket-service serves ({@link SensitiveValues}). When ticket-service holds none for it, an
 * existing variable keeps its value (its flags may still change) and a new one is refused.
 */
public final class VariableChanges {

    private final List<VariableChange> changes;
    private final Map<String, Variable> current = new HashMap<>();

    /** {@code changes} of the ticket (null: none) against {@code current}, the environment's variables. */
    public VariableChanges(List<VariableChange> changes, Collection<Variable> current) {
        // A null change (a null in the event's list) stays, to be refused as invalid.
        this.changes = changes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(changes));
        current.forEach(variable -> this.current.put(variable.name(), variable));
    }

    public List<VariableChange> changes() {
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The variable {@code name} as it is now, if it exists. */
    public Optional<Variable> current(String name) {
        return Optional.ofNullable(name == null ? null : current.get(name));
    }

    /** Whether any change needs ticket-service's values before it can be checked and applied (SEC-3). */
    public boolean needSensitiveValues() {
        return changes.stream().anyMatch(this::takesSensitiveValue);
    }

    /** A SET without a value that makes its variable sensitive or targets a sensitive one: the value is with ticket-service. */
    private boolean takesSensitiveValue(VariableChange change) {
        return change != null && change.action() == VariableChange.Action.SET && change.value() == null
                && (Boolean.TRUE.equals(change.sensitive()) || current(change.name()).map(Variable::sensitive).orElse(false));
    }

    /** Why the changes cannot apply with {@code values}, checking every one against what exists now (TKT-1, VAR-1, VAR-2, SEC-3). */
    public Optional<Refusal> refusal(SensitiveValues values) {
        Set<String> names = new HashSet<>();
        for (VariableChange change : changes) {
            if (change == null || change.name() == null || !names.add(change.name()) || change.action() == null) {
                return Refusal.of("TKT-1", 422, "invalid-change", "each change names one variable, once, with an action SET or DELETE: "
                        + (change == null ? null : change.name()));
            }
            if (change.action() == VariableChange.Action.DELETE) {
                continue;
            }
            Variable.Settings settings = settings(change, values);
            Optional<Variable> existing = current(change.name());
            if (existing.isEmpty() && settings.value() == null && takesSensitiveValue(change)) {
                return Refusal.of("SEC-3", 422, "sensitive-value-missing", "ticket-service holds no value for the new sensitive variable "
                        + change.name() + ", so it cannot be created");
            }
            Optional<Refusal> refusal = existing.isPresent() ? existing.get().changeRefusal(settings)
                    : Variable.creationRefusal(change.name(), settings);
            if (refusal.isPresent()) {
                Refusal why = refusal.get();
                return Optional.of(new Refusal(why.rule(), why.status(), why.slug(), "variable " + change.name() + ": " + why.detail()));
            }
        }
        return Optional.empty();
    }

    /** The settings {@code change} applies: its own value, else ticket-service's, else none (the current value stays). */
    public static Variable.Settings settings(VariableChange change, SensitiveValues values) {
        String value = change.value() != null ? change.value() : values.of(change.name()).orElse(null);
        return new Variable.Settings(value, change.json(), change.sensitive(), change.inheritable(), change.visibleBuild(),
                change.visibleRuntime(), change.enabled());
    }
}
