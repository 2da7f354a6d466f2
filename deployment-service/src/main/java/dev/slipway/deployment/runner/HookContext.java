package dev.slipway.deployment.runner;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a deployment gives the runner for its hooks.
 *
 * @param branch the environment's git branch ({@code SLIPWAY_BRANCH}); may be null
 * @param treeId the commit's tree id ({@code SLIPWAY_TREE_ID}, and the build's log line); may be null
 * @param variables the OS variables the hook sees (VAR-1's {@code env:} names without the prefix):
 *        the build-visible ones for a build, the runtime-visible ones for deploy and post-deploy
 * @param secrets the values to mask in every captured line (VAR-2 {@code sensitive}, DEP-8)
 * @param output where the tagged, masked lines go
 * @param started told of each hook process as soon as it runs, before it is awaited; if it throws,
 *        the hook is stopped and the exception propagates
 * @param cancellation the deployment's cancel
 */
public record HookContext(String branch, String treeId, Map<String, String> variables, Set<String> secrets,
        HookOutput output, Consumer<StartedHook> started, Cancellation cancellation) {

    public HookContext {
        variables = Map.copyOf(variables);
        secrets = Set.copyOf(secrets);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /** A context that reports started hooks nowhere and is never cancelled from outside. */
    public static HookContext of(String branch, String treeId, Map<String, String> variables, Set<String> secrets,
            HookOutput output) {
        return new HookContext(branch, treeId, variables, secrets, output, hook -> {
        }, new Cancellation());
    }

    /** The same deployment with other variables: the runtime ones after the build-visible ones. */
    public HookContext withVariables(Map<String, String> otherVariables) {
        return new HookContext(branch, treeId, otherVariables, secrets, output, started, cancellation);
    }
}
