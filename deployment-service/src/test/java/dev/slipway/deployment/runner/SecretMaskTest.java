package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void everyOccurrenceIsMaskedTheLongestValueFirst() {
        SecretMask mask = new SecretMask(List.of("abc", "abcdef", ""));

        assertThat(mask.apply("abcdef and abc and abcabc")).isEqualTo("**** and **** and ********");
        assertThat(mask.apply("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void nullAndEmptyValuesMaskNothing() {
        SecretMask mask = new SecretMask(Arrays.asList(null, ""));

        assertThat(mask.apply("text")).isEqualTo("text");
    }

    @Test
    void buildKeyChangesWithTheTreeAndTheBuildVariablesOnly() {
        String key = BuildKey.of("abc123", Map.of("A", "1", "B", "2"));

        assertThat(key).startsWith("abc123-").hasSize("abc123-".length() + 16);
        assertThat(BuildKey.of("abc123", Map.of("B", "2", "A", "1"))).isEqualTo(key);
        assertThat(BuildKey.of("abc123", Map.of("A", "1", "B", "3"))).isNotEqualTo(key);
        assertThat(BuildKey.of("abc124", Map.of("A", "1", "B", "2"))).isNotEqualTo(key);
        assertThat(BuildKey.of("abc123", Map.of("A", "12"))).isNotEqualTo(BuildKey.of("abc123", Map.of("A1", "2")));
    }
}
