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
        CREATE_BRANCH("create branch"), MERGE("merge"), SYNC("sync"), DELETE_BRANCH("delete branch");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** For activity logs: "create branch", "merge". */
        public String description() {
            return description;
        }
    }
}
