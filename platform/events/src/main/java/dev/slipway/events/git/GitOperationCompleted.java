package dev.slipway.events.git;

/** The git host did what was asked; {@code head} is the resulting head of the changed branch (null after a delete). */
public record GitOperationCompleted(String operationId, String projectId, String environmentId, GitOperationRequested.Kind kind,
        String branch, String head) {
}
