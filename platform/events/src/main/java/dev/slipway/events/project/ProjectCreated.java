package dev.slipway.events.project;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;

import java.time.Instant;
import java.util.List;

/**
 * A project was created with its creator as first admin and its three environments (ENV-1).
 * Consumers create the git repository (ssh-gateway) and seed their project-access read model.
 */
public record ProjectCreated(String projectId, String title, String createdBy, int activeEnvironmentLimit,
        List<EnvironmentSummary> environments, Instant createdAt) {

    /** An environment as created with the project. */
    public record EnvironmentSummary(String environmentId, EnvironmentType type, EnvironmentStatus status, String branch, String parentId) {
    }
}
