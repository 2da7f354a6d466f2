package dev.slipway.events.project;

/** A project's title or active-environment limit changed (ENV-3). */
public record ProjectUpdated(String projectId, String title, int activeEnvironmentLimit, String updatedBy) {
}
