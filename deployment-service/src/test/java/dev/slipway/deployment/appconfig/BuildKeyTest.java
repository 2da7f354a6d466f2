package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DEP-4: a build is keyed by tree id and the digest of the build-visible variables, which never shows a value. */
class BuildKeyTest {

    private static final String TREE = "9b1e3f0a5c7d2e4f6a8b0c1d3e5f7a9b2c4d6e8f";

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    @Test
    void keyIsTheTreeIdAndSixteenHexDigits() {
        BuildKey key = BuildKey.of(TREE, Map.of("env:APP_MODE", "production"));

        assertThat(key.value()).matches(TREE + "-[0-9a-f]{16}");
        assertThat(key.treeId()).isEqualTo(TREE);
    }

    @Test
    void variableOrderDoesNotMatter() {
        assertThat(BuildKey.of(TREE, ordered("a", "1", "env:B", "2", "c", "3")))
                .isEqualTo(BuildKey.of(TREE, ordered("c", "3", "a", "1", "env:B", "2")));
    }

    @Test
    void aChangedAddedOrRemovedValueGivesAnotherKey() {
        BuildKey key = BuildKey.of(TREE, ordered("a", "1", "b", "2"));

        assertThat(BuildKey.of(TREE, ordered("a", "1", "b", "3"))).isNotEqualTo(key);
        assertThat(BuildKey.of(TREE, ordered("a", "1", "b", "2", "c", ""))).isNotEqualTo(key);
        assertThat(BuildKey.of(TREE, ordered("a", "1"))).isNotEqualTo(key);
        assertThat(BuildKey.of(TREE, ordered("a", "1b", "", "2"))).isNotEqualTo(key);
        assertThat(BuildKey.of(TREE.replace('9', '8'), ordered("a", "1", "b", "2"))).isNotEqualTo(key);
    }

    @Test
    void theKeyNeverContainsAValue() {
        String secret = "s3cr3t-token-0123456789abcdef";
        BuildKey key = BuildKey.of(TREE, Map.of("env:API_TOKEN", secret, "short", "9b1e"));

        assertThat(key.value()).doesNotContain(secret);
        assertThat(key.toString()).doesNotContain(secret).isEqualTo(key.value());
        assertThat(key.value().substring(TREE.length() + 1)).doesNotContain("9b1e");
    }

    @Test
    void aMissingValueIsRefusedWithoutPrintingTheOthers() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("token", "s3cr3t");
        variables.put("empty", null);

        assertThatThrownBy(() -> BuildKey.of(TREE, variables))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("variable empty has no value")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void treeIdMustBeAGitObjectId() {
        assertThatThrownBy(() -> BuildKey.of("main", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(BuildKey.of("a".repeat(64), Map.of()).value()).startsWith("a".repeat(64) + "-");
    }
}
