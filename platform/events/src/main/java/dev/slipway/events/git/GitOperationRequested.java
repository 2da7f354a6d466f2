package dev.slipway.events.git;

/**
 * environment-service asks the git host for the git side of an environment operation (SSH-4).
 * {@code operationId} is the Activity id the answer refers to.
 *
 * <ul>
 *   <li>CREATE_BRANCH: create {@code branch} at the head of {@code baseBranch};</li>
 *   <li>MERGE: merge {@code branch} into {@code baseBranch} (fast-forward, else a merge commit);</li>
 *   <li>SYNC: merge {@code baseBranch} into {@code branch};</li>
 *   <li>DELETE_BRANCH: delete {@code branch}.</li>
 * </ul>
 */
public record GitOperationRequested(String operationId, String projectId, String environmentId, Kind kind, String branch,
        String baseBranch, String requestedBy) {

    /** What to do. */
    public enum Kind {
        CREATE_BRANCH, MERGE, SYNC, DELETE_BRANCH
    }
}
