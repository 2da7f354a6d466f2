package dev.slipway.deployment.runner;

import dev.slipway.process.ProcessResult;
import java.time.Duration;
import java.util.Optional;

/**
 * How one hook went (DEP-2). {@code ran} is false for an empty hook (a success) and for a hook
 * that was not started because the deployment was already cancelled. {@code exitCode} is 128 + the
 * signal's number when a signal ended it, -1 when it did not run or could not be learnt.
 */
public record HookResult(Phase phase, int node, boolean ran, int exitCode, boolean timedOut, boolean cancelled,
        Duration duration, Duration timeout) {

    static HookResult nothingToRun(Phase phase, int node, Duration timeout) {
        return new HookResult(phase, node, false, 0, false, false, Duration.ZERO, timeout);
    }

    static HookResult cancelledBeforeStart(Phase phase, int node, Duration timeout) {
        return new HookResult(phase, node, false, -1, false, true, Duration.ZERO, timeout);
    }

    static HookResult of(Phase phase, int node, ProcessResult result, Duration timeout) {
        return new HookResult(phase, node, true, result.exitCode(), result.timedOut(), result.cancelled(),
                result.duration(), timeout);
    }

    public boolean succeeded() {
        return !timedOut && !cancelled && exitCode == 0;
    }

    /**
     * Why it failed, for the deployment's reason and log, naming the hook, the node and the exit
     * code (DEP-2): {@code hooks.deploy failed on node 2 with exit code 3}. Empty when it succeeded.
     */
    public Optional<String> failure() {
        if (succeeded()) {
            return Optional.empty();
        }
        String where = phase.hookName() + (node == LogLine.NO_NODE ? "" : " on node " + node);
        if (cancelled) {
            return Optional.of(where + " was cancelled" + (ran ? " (its processes were stopped)" : " before it started"));
        }
        if (timedOut) {
            return Optional.of(where + " timed out after " + human(timeout) + " (its processes were stopped, exit code "
                    + exitCode + ")");
        }
        return Optional.of(where + " failed with exit code " + exitCode);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
