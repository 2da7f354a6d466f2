package dev.slipway.environment.api;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityResult;
import dev.slipway.environment.domain.ActivityState;
import java.time.Instant;
import java.util.UUID;

/** API-3: a long operation and how it went. */
public record ActivityView(UUID id, String projectId, String environmentId, String type, ActivityState state, ActivityResult result,
        String createdBy, Instant createdAt, Instant startedAt, Instant completedAt, String log) {

    static ActivityView of(Activity activity) {
        return new ActivityView(activity.id(), activity.projectId(), activity.environmentId(), activity.type(), activity.state(),
                activity.result(), activity.createdBy(), activity.createdAt(), activity.startedAt(), activity.completedAt(), activity.log());
    }
}
