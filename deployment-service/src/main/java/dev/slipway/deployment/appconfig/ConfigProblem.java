package dev.slipway.deployment.appconfig;

import java.util.Comparator;
import java.util.Objects;

/**
 * Why a configuration file cannot be used, where (CFG-2): {@code file} is the path in the commit,
 * {@code line} is 1-based, or 0 when the problem is about the file as a whole (it is missing).
 * Its text, {@code .slipway/app.yaml:7: hooks.build must be a string (a shell script), not a list},
 * is what the VALIDATE phase reports.
 */
public record ConfigProblem(String file, int line, String reason) implements Comparable<ConfigProblem> {

    /** Problems are listed by file, then line; problems on one line keep the order they were found in. */
    public static final Comparator<ConfigProblem> ORDER =
            Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line);

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (the whole file) or 1-based, not " + line);
        }
    }

    @Override
    public int compareTo(ConfigProblem other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return line == 0 ? file + ": " + reason : file + ":" + line + ": " + reason;
    }
}
