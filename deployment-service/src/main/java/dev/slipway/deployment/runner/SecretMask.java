package dev.slipway.deployment.runner;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every occurrence of a sensitive value in a line with {@code ****} (VAR-2, DEP-8). A
 * value of several lines is masked line by line, since output arrives a line at a time; longer
 * values are masked first, so a value that contains another is masked whole.
 *
 * <p>Limit: a line longer than the process runner's bound (8 KiB) arrives in pieces, and a value
 * cut between two pieces is not recognised.
 */
final class SecretMask {

    static final String MASK = "****";

    private final List<String> values;

    SecretMask(Collection<String> secrets) {
        Set<String> pieces = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null) {
                continue;
            }
            for (String line : secret.split("\r?\n")) {
                if (!line.isEmpty()) {
                    pieces.add(line);
                }
            }
        }
        this.values = pieces.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String apply(String line) {
        String masked = line;
        for (String value : values) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }
}
