package dev.slipway.events.environment;

/**
 * An environment was created, activated, deactivated or deleted (ENV-4); the event type says
 * which. {@code trigger} is what caused it: an API operation, a push (SSH-4) or a ticket.
 */
public record EnvironmentChanged(String projectId, String environmentId, String type, String status, String branch,
        String parentId, String trigger, String activityId, String by) {
}
