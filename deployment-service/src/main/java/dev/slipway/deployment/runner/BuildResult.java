package dev.slipway.deployment.runner;

/**
 * How a build went (DEP-4). {@code reused}: a build of the same key existed and was installed
 * without running the hook; {@code hook} then did not run.
 */
public record BuildResult(String buildKey, boolean reused, HookResult hook) {

    public boolean succeeded() {
        return hook.succeeded();
    }
}
