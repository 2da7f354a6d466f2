package dev.slipway.environment.domain;

import dev.slipway.events.environment.EnvironmentOperation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Activities (API-3) and the queries on them, newest first. */
@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {

    /** Filters of the activity list; null means any. */
    public record Filter(String environmentId, EnvironmentOperation operation, ActivityState state) {
    }

    /** The page position after the last item of the previous page, newest first: its creation time and id. */
    public record After(Instant createdAt, UUID id) {
    }

    public Optional<Activity> find(String projectId, UUID id) {
        return findByIdOptional(id).filter(activity -> activity.projectId().equals(projectId));
    }

    /** An activity this service is waiting on another service for; gone if its project was deleted. */
    public Optional<Activity> awaited(String activityId) {
        try {
            return findByIdOptional(UUID.fromString(activityId));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    public List<Activity> page(String projectId, Filter filter, After after, int limit) {
        StringBuilder query = new StringBuilder("projectId = :project");
        Parameters parameters = Parameters.with("project", projectId);
        if (filter.environmentId() != null) {
            query.append(" AND environmentId = :environment");
            parameters = parameters.and("environment", filter.environmentId());
        }
        if (filter.operation() != null) {
            query.append(" AND operation = :operation");
            parameters = parameters.and("operation", filter.operation());
        }
        if (filter.state() != null) {
            query.append(" AND state = :state");
            parameters = parameters.and("state", filter.state());
        }
        if (after != null) {
            query.append(" AND (createdAt < :afterTime OR (createdAt = :afterTime AND id < :afterId))");
            parameters = parameters.and("afterTime", after.createdAt()).and("afterId", after.id());
        }
        return find(query.append(" ORDER BY createdAt DESC, id DESC").toString(), parameters).page(0, limit).list();
    }
}
