package dev.slipway.events.environment;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;

/**
 * An environment was created, activated, deactivated or deleted (ENV-4); the event type says
 * which. {@code trigger} is the operation that caused it: one users ran, or a push (SSH-4); a child
 * removed because the git host could not create its branch is {@code deleted} with trigger BRANCH.
 */
public record EnvironmentChanged(String projectId, String environmentId, EnvironmentType type, EnvironmentStatus status, String branch,
        String parentId, EnvironmentOperation trigger, String activityId, String by) {
}
