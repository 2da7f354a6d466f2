package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Git hosting (SSH-4). */
@ConfigMapping(prefix = "slipway.git")
public interface GitConfig {

    /** Folder holding one bare repository per project, {@code <project>.git}. Env: SLIPWAY_GIT_ROOT. */
    Path root();

    /** Branch a new repository's HEAD points at (ENV-1: the root environment is master). */
    @WithDefault("master")
    String defaultBranch();

    /**
     * How often pushes whose announcement failed (database away) are tried again (SSH-4). Env:
     * SLIPWAY_GIT_ANNOUNCE_RETRY_INTERVAL.
     */
    @WithDefault("5s")
    Duration announceRetryInterval();
}
