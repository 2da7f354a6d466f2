package dev.slipway.events.project;

import dev.slipway.events.ProjectRole;

/** A member's role changed (ENV-9). */
public record MemberRoleChanged(String projectId, String userId, ProjectRole role, ProjectRole previousRole, String changedBy) {
}
