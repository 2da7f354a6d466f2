package dev.slipway.deployment.runner;

import java.nio.file.Path;
import java.util.Objects;

/** A release of an environment: one commit's tree (built, with its mounts linked) in a folder of its own. */
public record Release(EnvironmentRef environment, String id, Path directory) {

    public Release {
        Objects.requireNonNull(environment, "environment");
        Names.requireSafe(id, "release id");
        Objects.requireNonNull(directory, "directory");
    }
}
