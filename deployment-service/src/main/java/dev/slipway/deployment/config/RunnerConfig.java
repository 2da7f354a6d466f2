package dev.slipway.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The runner that executes deployments (DEP-10) and how instances share the queue (SPEC §1). */
@ConfigMapping(prefix = "slipway.runner")
public interface RunnerConfig {

    /**
     * Where the {@code local} runner keeps releases, nodes' {@code current} links, data and builds;
     * instances of one deployment share it (SPEC §1). Env: SLIPWAY_RUNNER_ROOT.
     */
    @WithDefault(".slipway/releases")
    Path root();

    /** How long one hook may run before it is killed with its process tree (DEP-10). Env: SLIPWAY_RUNNER_HOOK_TIMEOUT. */
    @WithDefault("10M")
    Duration hookTimeout();

    /**
     * How long a claimed deployment stays this instance's without a renewal; another instance fails
     * it "interrupted by restart" after that. Env: SLIPWAY_RUNNER_LEASE.
     */
    @WithDefault("30S")
    Duration lease();

    /** Deployments this instance runs at once (different environments). 0 turns the worker off. Env: SLIPWAY_RUNNER_WORKERS. */
    @WithDefault("2")
    int workers();

    /** Releases kept per environment besides the current ones (DEP-9 rolls back to them). Env: SLIPWAY_RUNNER_KEEP_RELEASES. */
    @WithDefault("5")
    int keepReleases();
}
