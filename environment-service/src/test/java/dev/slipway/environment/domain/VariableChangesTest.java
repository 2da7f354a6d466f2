package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.ticket.TicketApproved.VariableChange;
import dev.slipway.events.ticket.TicketApproved.VariableChange.Action;
import dev.slipway.platform.domain.Refusal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A DEPLOYMENT_SETTINGS ticket's variable changes (TKT-1, VAR-1, VAR-2) and where sensitive values come from (SEC-3). */
class VariableChangesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static VariableChange set(String name, String value, Boolean sensitive) {
        return new VariableChange(Action.SET, name, value, null, sensitive, null, null, null, null);
    }

    private static VariableChange flags(String name, Boolean visibleBuild) {
        return new VariableChange(Action.SET, name, null, null, null, null, visibleBuild, null, null);
    }

    private static Variable existing(String name, String value, boolean sensitive) {
        return Variable.create("shop", "production", name, new Variable.Settings(value, null, sensitive, null, null, null, null), NOW);
    }

    private static VariableChanges changes(List<Variable> current, VariableChange... changes) {
        return new VariableChanges(List.of(changes), current);
    }

    @Test
    void onlyASensitiveSetWithoutAValueNeedsTicketServicesValues() {
        assertThat(changes(List.of(), set("PLAIN", "1", null)).needSensitiveValues()).isFalse();
        assertThat(changes(List.of(), set("KEY", null, true)).needSensitiveValues()).isTrue();
        assertThat(changes(List.of(existing("KEY", "old", true)), flags("KEY", false)).needSensitiveValues()).isTrue();
        assertThat(changes(List.of(existing("PLAIN", "old", false)), flags("PLAIN", false)).needSensitiveValues()).isFalse();
        assertThat(changes(List.of(existing("KEY", "old", true)), new VariableChange(Action.DELETE, "KEY", null, null, null, null, null, null, null))
                .needSensitiveValues()).isFalse();
    }

    @Test
    void aServedValueIsUsedAndAnAbsentOneKeepsTheCurrentValue() {
        SensitiveValues served = SensitiveValues.of(Map.of("KEY", "new"));
        assertThat(VariableChanges.settings(set("KEY", null, true), served).value()).isEqualTo("new");
        assertThat(VariableChanges.settings(flags("OTHER", false), served).value()).isNull();
        VariableChanges flagsOnly = changes(List.of(existing("OTHER", "old", true)), flags("OTHER", false));
        assertThat(flagsOnly.refusal(served)).isEmpty();
    }

    @Test
    void aNewSensitiveVariableWithoutAServedValueIsRefusedByName() {
        assertThat(changes(List.of(), set("NEW_KEY", null, true)).refusal(SensitiveValues.none())).get()
                .satisfies(refusal -> {
                    assertThat(refusal.rule()).isEqualTo("SEC-3");
                    assertThat(refusal.slug()).isEqualTo("sensitive-value-missing");
                    assertThat(refusal.detail()).contains("NEW_KEY");
                });
    }

    @Test
    void aRefusalOfOneChangeNamesItsVariableAndNeverItsValue() {
        SensitiveValues served = SensitiveValues.of(Map.of("KEY", "{not json, secret"));
        VariableChange json = new VariableChange(Action.SET, "KEY", null, true, true, null, null, null, null);
        Refusal refusal = changes(List.of(), set("GOOD", "1", null), json).refusal(served).orElseThrow();
        assertThat(refusal.rule()).isEqualTo("VAR-1");
        assertThat(refusal.detail()).startsWith("variable KEY: ").doesNotContain("secret");
    }

    @Test
    void aSensitiveVariableStaysSensitive() {
        Refusal refusal = changes(List.of(existing("KEY", "old", true)), set("KEY", "new", false)).refusal(SensitiveValues.none()).orElseThrow();
        assertThat(refusal.slug()).isEqualTo("sensitive-is-permanent");
    }

    @Test
    void aVariableNamedTwiceOrWithoutAnActionIsRefused() {
        assertThat(changes(List.of(), set("A", "1", null), set("A", "2", null)).refusal(SensitiveValues.none())).get()
                .extracting(Refusal::slug).isEqualTo("invalid-change");
        assertThat(changes(List.of(), new VariableChange(null, "A", "1", null, null, null, null, null, null)).refusal(SensitiveValues.none())).get()
                .extracting(Refusal::slug).isEqualTo("invalid-change");
        assertThat(new VariableChanges(Arrays.asList(set("A", "1", null), null), List.of()).refusal(SensitiveValues.none())).get()
                .extracting(Refusal::slug).isEqualTo("invalid-change");
    }

    @Test
    void printedValuesAndSettingsShowNoValue() {
        assertThat(SensitiveValues.of(Map.of("KEY", "hunter2")).toString()).contains("KEY").doesNotContain("hunter2");
        assertThat(new Variable.Settings("hunter2", null, true, null, null, null, null).toString()).doesNotContain("hunter2");
    }
}
