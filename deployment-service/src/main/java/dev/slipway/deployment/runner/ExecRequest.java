package dev.slipway.deployment.runner;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A command or shell to run in a node's current release (SSH-3).
 *
 * @param command the command line, run with {@code bash -c}; null for a shell ({@code bash -s}:
 *        commands read from stdin, no prompt, as there is no terminal)
 * @param variables the environment's runtime variables plus what the SSH client sent
 * @param branch {@code SLIPWAY_BRANCH}, may be null
 * @param treeId {@code SLIPWAY_TREE_ID} of the release, may be null
 * @param timeout how long the session may last at most
 */
public record ExecRequest(String command, Map<String, String> variables, String branch, String treeId, Duration timeout) {

    /** A bound for a forgotten session, not a limit anyone should meet. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(12);

    public ExecRequest {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ExecRequest command(String command, Map<String, String> variables) {
        return new ExecRequest(Objects.requireNonNull(command, "command"), variables, null, null, DEFAULT_TIMEOUT);
    }

    public static ExecRequest shell(Map<String, String> variables) {
        return new ExecRequest(null, variables, null, null, DEFAULT_TIMEOUT);
    }
}
