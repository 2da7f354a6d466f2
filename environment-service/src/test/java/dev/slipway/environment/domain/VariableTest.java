package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.platform.domain.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VAR-1 and VAR-2 on the variable alone. */
class VariableTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static Variable.Settings value(String value) {
        return new Variable.Settings(value, null, null, null, null, null, null);
    }

    private static Variable.Settings json(String value) {
        return new Variable.Settings(value, true, null, null, null, null, null);
    }

    private static void refused(Runnable change, String rule, int status, String slug) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.rule()).isEqualTo(rule);
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.slug()).isEqualTo(slug);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "env:STRIPE_KEY", "a.b_c:d-e", "0"})
    void namesOfLettersDigitsAndDotUnderscoreColonDashAreAccepted(String name) {
        assertThat(Variable.creationRefusal(name, value("x"))).isEmpty();
        assertThat(Variable.create("shop", "", name, value("x"), NOW).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "quote\"", "ümlaut", "semi;colon"})
    void otherNamesAreRefused(String name) {
        refused(() -> Variable.create("shop", "", name, value("x"), NOW), "VAR-1", 400, "invalid-variable-name");
    }

    @Test
    void nameLengthIsAtMost256() {
        assertThat(Variable.creationRefusal("n".repeat(256), value("x"))).isEmpty();
        assertThat(Variable.creationRefusal("n".repeat(257), value("x"))).get().extracting("slug").isEqualTo("invalid-variable-name");
    }

    @Test
    void aVariableNeedsAValue() {
        refused(() -> Variable.create("shop", "", "X", value(null), NOW), "VAR-1", 400, "invalid-variable-value");
    }

    @Test
    void jsonValuesMustParseAndFitFourKibibytes() {
        refused(() -> Variable.create("shop", "", "J", json("{not json"), NOW), "VAR-1", 400, "invalid-variable-value");
        String fits = "\"" + "x".repeat(4094) + "\"";
        assertThat(Variable.create("shop", "", "J", json(fits), NOW).json()).isTrue();
        refused(() -> Variable.create("shop", "", "J", json("\"" + "x".repeat(4095) + "\""), NOW), "VAR-1", 400, "invalid-variable-value");
    }

    @Test
    void plainValuesFitSixtyFourKibibytes() {
        assertThat(Variable.create("shop", "", "P", value("x".repeat(64 * 1024)), NOW).value()).hasSize(64 * 1024);
        refused(() -> Variable.create("shop", "", "P", value("x".repeat(64 * 1024 + 1)), NOW), "VAR-1", 400, "invalid-variable-value");
    }

    @Test
    void flagsDefaultToInheritableVisibleEnabledAndNotSensitive() {
        Variable variable = Variable.create("shop", "master", "X", value("1"), NOW);
        assertThat(variable.inheritable()).isTrue();
        assertThat(variable.visibleBuild()).isTrue();
        assertThat(variable.visibleRuntime()).isTrue();
        assertThat(variable.enabled()).isTrue();
        assertThat(variable.sensitive()).isFalse();
        assertThat(variable.json()).isFalse();
        assertThat(variable.environmentId()).isEqualTo("master");
        assertThat(Variable.create("shop", Variable.PROJECT_LEVEL, "X", value("1"), NOW).environmentId()).isNull();
    }

    @Test
    void aChangeKeepsWhatItDoesNotName() {
        Variable variable = Variable.create("shop", "master", "X", new Variable.Settings("1", false, false, false, false, true, true), NOW);
        variable.apply(new Variable.Settings("2", null, null, null, null, null, null), NOW);
        assertThat(variable.value()).isEqualTo("2");
        assertThat(variable.inheritable()).isFalse();
        assertThat(variable.visibleBuild()).isFalse();
        assertThat(variable.visibleRuntime()).isTrue();
    }

    @Test
    void sensitiveIsPermanent() {
        Variable secret = Variable.create("shop", "master", "env:KEY", new Variable.Settings("s3cret", null, true, null, null, null, null), NOW);
        refused(() -> secret.apply(new Variable.Settings(null, null, false, null, null, null, null), NOW), "VAR-2", 409, "sensitive-is-permanent");
        assertThat(secret.sensitive()).isTrue();
        secret.apply(new Variable.Settings("rotated", null, true, null, null, null, null), NOW);
        assertThat(secret.value()).isEqualTo("rotated");
    }

    @Test
    void turningAValueIntoJsonChecksTheValueItKeeps() {
        Variable variable = Variable.create("shop", "master", "X", value("not json"), NOW);
        assertThat(variable.changeRefusal(new Variable.Settings(null, true, null, null, null, null, null))).isPresent();
        refused(() -> variable.apply(new Variable.Settings(null, true, null, null, null, null, null), NOW), "VAR-1", 400, "invalid-variable-value");
        assertThat(variable.json()).as("a refused change changes nothing").isFalse();
    }
}
