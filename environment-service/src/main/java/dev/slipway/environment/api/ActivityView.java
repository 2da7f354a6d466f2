package dev.slipway.environment.api;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityResult;
import dev.slipway.environment.domain.ActivityState;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API-3: a long operation and how it went. */
@Schema(name = "Activity", example = "{\"id\":\"0f7d675e-f6e9-4b9b-b397-18c25a7e221f\",\"projectId\":\"shop\",\"environmentId\":\"feature-checkout\",\"type\":\"environment.branch\",\"state\":\"IN_PROGRESS\",\"result\":null,\"createdBy\":\"alice\",\"createdAt\":\"2026-11-26T15:00:00Z\",\"startedAt\":\"2026-11-26T15:00:00Z\",\"completedAt\":null,\"log\":\"2026-11-26T15:00:00Z environment.branch requested by alice\\n\"}")
public record ActivityView(UUID id, String projectId, String environmentId,
        @Schema(description = "The operation, e.g. environment.branch", enumeration = {"environment.branch", "environment.merge", "environment.sync",
                "environment.activate", "environment.deactivate", "environment.delete", "environment.redeploy", "environment.push"}) String type,
        ActivityState state,
        @Schema(nullable = true, description = "Set once the state is COMPLETE: SUCCESS or FAILURE") ActivityResult result,
        String createdBy, Instant createdAt, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant completedAt, String log) {

    static ActivityView of(Activity activity) {
        return new ActivityView(activity.id(), activity.projectId(), activity.environmentId(), activity.operation().activityType(), activity.state(),
                activity.result(), activity.createdBy(), activity.createdAt(), activity.startedAt(), activity.completedAt(), activity.log());
    }
}
