package dev.slipway.deployment.appconfig;

import java.util.Optional;

/** The files of one commit, as the git side of deployment-service reads them (CFG-1). */
@FunctionalInterface
public interface CommitFiles {

    /** The content of the file at {@code path} (relative to the repository root), or empty when the commit has none. */
    Optional<byte[]> read(String path);
}
