package dev.slipway.events.project;

/** A project was deleted; every service forgets what it holds for it. */
public record ProjectDeleted(String projectId, String deletedBy) {
}
