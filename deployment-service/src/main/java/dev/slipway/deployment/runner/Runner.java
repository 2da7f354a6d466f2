package dev.slipway.deployment.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a deployment's phases run (DEP-10): the {@code local} runner ({@link LocalRunner}) on this
 * machine's disk, a Kubernetes runner later. A deployment calls, in this order (DEP-2):
 * {@link #copyData} when asked (DATA), {@link #prepareRelease}, {@link #build} and
 * {@link #linkMounts} (BUILD), {@link #deployNode} for node 1, 2, ... stopping at the first failure
 * (DEPLOY), {@link #postDeploy} (POST_DEPLOY), then {@link #pruneReleases}.
 *
 * <p>Hook failures are results ({@link HookResult#failure()} names phase, node and exit code);
 * exceptions are for the runner's own trouble: a disk error, an unsafe archive, a missing release.
 * Work on one environment is serialised by the service (one running deployment per environment,
 * DEP-3); different environments may be worked on at the same time.
 */
public interface Runner {

    /**
     * Creates release {@code releaseId} of {@code environment} from the commit's tree as a tar
     * stream, as the git host serves it. The release becomes visible whole or not at all.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the release exists
     * @throws IOException when the archive is unreadable or unsafe (an entry outside the release)
     */
    Release prepareRelease(EnvironmentRef environment, String releaseId, InputStream tar) throws IOException;

    /** An existing release, for a redeploy or rollback that reuses it (DEP-9). */
    Optional<Release> release(EnvironmentRef environment, String releaseId);

    /**
     * BUILD (DEP-4): runs {@code hooks.build} on a copy of the release's tree with the context's
     * (build-visible) variables and keeps the result under {@code buildKey}; when a build of that
     * key exists it is reused ("build already exists for tree <treeId>, skipping"). On success the
     * release holds the build's output.
     */
    BuildResult build(Release release, String buildKey, Hook hook, HookContext context)
            throws IOException, InterruptedException;

    /**
     * DEP-7: makes each mount path of the release a link into the environment's data folder, which
     * outlives releases and is shared by the nodes. What the tree had at a mount path is replaced.
     */
    void linkMounts(Release release, Collection<String> mounts) throws IOException;

    /**
     * DEPLOY on one node (DEP-2): switches the node to {@code release}, runs {@code hooks.deploy} in
     * it with the context's (runtime) variables, and switches the node back to its earlier release
     * when the hook fails.
     */
    NodeResult deployNode(Release release, int node, Hook hook, HookContext context) throws IOException, InterruptedException;

    /**
     * POST_DEPLOY: runs {@code hooks.post_deploy} once, on node 1's current release.
     *
     * @throws IllegalStateException when node 1 has no release
     */
    HookResult postDeploy(EnvironmentRef environment, Hook hook, HookContext context) throws IOException, InterruptedException;

    /** The id of the release a node is on, if any. */
    Optional<String> currentRelease(EnvironmentRef environment, int node) throws IOException;

    /** DEP-7: replaces the data of {@code target} with a copy of the data of {@code source}. */
    void copyData(EnvironmentRef source, EnvironmentRef target) throws IOException;

    /** DEP-7: drops an environment's data (deactivate). */
    void dropData(EnvironmentRef environment) throws IOException;

    /** Removes everything of an environment: releases, nodes and data. */
    void removeEnvironment(EnvironmentRef environment) throws IOException;

    /**
     * Removes old releases, keeping those a node is on and the {@code keep} most recently prepared.
     * Returns the ids removed.
     */
    List<String> pruneReleases(EnvironmentRef environment, int keep) throws IOException;

    /**
     * Starts a command or shell in a node's current release (SSH-3) with the runtime variables.
     *
     * @throws IllegalStateException when the node has no release
     */
    ExecSession exec(EnvironmentRef environment, int node, ExecRequest request) throws IOException;
}
