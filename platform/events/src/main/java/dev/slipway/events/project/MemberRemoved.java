package dev.slipway.events.project;

/** A user stopped being a member of a project (ENV-9). */
public record MemberRemoved(String projectId, String userId, String removedBy) {
}
