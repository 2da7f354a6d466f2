package dev.slipway.environment.api;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.Project;
import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A project as the API shows it. */
@Schema(name = "Project", example = "{\"id\":\"shop\",\"title\":\"My shop\",\"activeEnvironmentLimit\":8,\"createdBy\":\"alice\",\"createdAt\":\"2026-11-26T15:00:00Z\",\"environments\":[{\"id\":\"master\",\"title\":\"Master\",\"type\":\"INTEGRATION\",\"status\":\"ACTIVE\",\"branch\":\"master\",\"parent\":null}]}")
public record ProjectView(String id, String title, int activeEnvironmentLimit, String createdBy, Instant createdAt,
        List<EnvironmentSummary> environments) {

    /** An environment within a project listing. */
    public record EnvironmentSummary(String id, String title, EnvironmentType type, EnvironmentStatus status, String branch,
            @Schema(nullable = true) String parent) {
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
