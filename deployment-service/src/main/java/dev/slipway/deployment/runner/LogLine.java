package dev.slipway.deployment.runner;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a deployment's log (DEP-8), tagged by phase and node, with sensitive values already
 * masked. {@code node} counts from 1; {@link #NO_NODE} for work that is not on a node (a build).
 */
public record LogLine(Phase phase, int node, LogStream stream, String text, Instant time) {

    public static final int NO_NODE = 0;

    public LogLine {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        if (node < 0) {
            throw new IllegalArgumentException("node must be 0 (none) or a node number, was " + node);
        }
    }
}
