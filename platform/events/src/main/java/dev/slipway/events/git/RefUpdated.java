package dev.slipway.events.git;

/**
 * A branch changed by a push (SSH-4): {@code oldHead} null means created, {@code newHead} null
 * means deleted.
 */
public record RefUpdated(String projectId, String branch, String oldHead, String newHead, String pushedBy) {
}
