package dev.slipway.environment.api;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.EnvironmentType;
import dev.slipway.environment.domain.Project;
import java.time.Instant;
import java.util.List;

/** A project as the API shows it. */
public record ProjectView(String id, String title, int activeEnvironmentLimit, String createdBy, Instant createdAt,
        List<EnvironmentSummary> environments) {

    /** An environment within a project listing. */
    public record EnvironmentSummary(String id, String title, EnvironmentType type, EnvironmentStatus status, String branch, String parent) {
    }

    static ProjectView of(Project.Created created) {
        Project project = created.project();
        return new ProjectView(project.id(), project.title(), project.activeEnvironmentLimit(), project.createdBy(), project.createdAt(),
                created.environments().stream().map(ProjectView::summary).toList());
    }

    private static EnvironmentSummary summary(Environment environment) {
        return new EnvironmentSummary(environment.id(), environment.title(), environment.type(), environment.status(),
                environment.branch(), environment.parentId());
    }
}
