package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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
}
