package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VAR-3: project < nearest ancestor's inheritable < own; each says where it comes from. */
class EffectiveVariablesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static Variable variable(String level, String name, String value, boolean inheritable, boolean enabled) {
        return Variable.create("shop", level, name, new Variable.Settings(value, null, null, inheritable, null, null, enabled), NOW);
    }

    /** master -> feature -> sprint; "orphan" has a parent that no longer exists; "loop-a" and "loop-b" point at each other. */
    private static final Map<String, String> TREE = new java.util.HashMap<>(Map.of(
            "feature", "master", "sprint", "feature", "orphan", "gone", "loop-a", "loop-b", "loop-b", "loop-a"));

    static {
        TREE.put("master", null);
    }

    @Test
    void ancestorsAreListedRootFirst() {
        assertThat(EffectiveVariables.ancestors("sprint", TREE)).containsExactly("master", "feature");
        assertThat(EffectiveVariables.ancestors("master", TREE)).isEmpty();
        assertThat(EffectiveVariables.ancestors("orphan", TREE)).as("a missing parent ends the chain").isEmpty();
        assertThat(EffectiveVariables.ancestors("loop-a", TREE)).as("a cycle is cut").containsExactly("loop-b");
    }

    @Test
    void ownOverridesTheNearestAncestorWhichOverridesTheProject() {
        Map<String, List<Variable>> byLevel = Map.of(
                Variable.PROJECT_LEVEL, List.of(variable("", "A", "project", true, true), variable("", "B", "project", true, true),
                        variable("", "C", "project", true, true)),
                "master", List.of(variable("master", "B", "master", true, true), variable("master", "C", "master", true, true)),
                "feature", List.of(variable("feature", "C", "feature", true, true)),
                "sprint", List.of(variable("sprint", "D", "own", true, true)));
        List<EffectiveVariables.Effective> effective = EffectiveVariables.of("sprint", List.of("master", "feature"), byLevel);
        assertThat(effective).extracting(e -> e.variable().name(), e -> e.variable().value(), EffectiveVariables.Effective::inherited,
                EffectiveVariables.Effective::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "project", true, "project"),
                        org.assertj.core.groups.Tuple.tuple("B", "master", true, "master"),
                        org.assertj.core.groups.Tuple.tuple("C", "feature", true, "feature"),
                        org.assertj.core.groups.Tuple.tuple("D", "own", false, "sprint"));
    }

    @Test
    void aNonInheritableAncestorVariableStaysWithItsEnvironment() {
        Map<String, List<Variable>> byLevel = Map.of(
                Variable.PROJECT_LEVEL, List.of(variable("", "X", "project", true, true)),
                "master", List.of(variable("master", "X", "master only", false, true)));
        assertThat(EffectiveVariables.of("feature", List.of("master"), byLevel))
                .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo("project"));
        assertThat(EffectiveVariables.of("master", List.of(), byLevel))
                .singleElement().satisfies(e -> assertThat(e.variable().value()).isEqualTo("master only"));
    }

    @Test
    void disabledVariablesTakeNoPartAndDoNotHideInheritedOnes() {
        Map<String, List<Variable>> byLevel = Map.of(
                Variable.PROJECT_LEVEL, List.of(variable("", "X", "project", true, true), variable("", "OFF", "p", true, false)),
                "feature", List.of(variable("feature", "X", "own but disabled", true, false)));
        assertThat(EffectiveVariables.of("feature", List.of("master"), byLevel))
                .singleElement().satisfies(e -> {
                    assertThat(e.variable().value()).isEqualTo("project");
                    assertThat(e.inherited()).isTrue();
                });
    }

    @Test
    void anEnvironmentWithoutVariablesSeesNone() {
        assertThat(EffectiveVariables.of("feature", List.of("master"), Map.of())).isEmpty();
    }
}
