package dev.slipway.events.project;

import dev.slipway.events.ProjectRole;

/** A user became a member of a project (ENV-9). */
public record MemberAdded(String projectId, String userId, ProjectRole role, String addedBy) {
}
