package dev.slipway.deployment.runner;

/**
 * A hook process that has just started, reported before the runner waits for it, so that the
 * service can record it for crash safety: after a restart, a hook recorded as running whose end was
 * never recorded is stopped with {@code ProcessTree.killGroup(processGroupId)}. The group id is the
 * pid (the hook leads its own group), or -1 where there are no process groups.
 */
public record StartedHook(Phase phase, int node, long pid, long processGroupId) {
}
