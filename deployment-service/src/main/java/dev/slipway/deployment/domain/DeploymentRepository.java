package dev.slipway.deployment.domain;

import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Deployments (DEP-1, DEP-3) and the queries on them. */
@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    public Optional<Deployment> byTriggerKey(String triggerKey) {
        return find("triggerKey", triggerKey).firstResultOptional();
    }

    public Optional<Deployment> inProject(String projectId, UUID id) {
        return find("projectId = :project AND id = :id", Parameters.with("project", projectId).and("id", id)).firstResultOptional();
    }

    /** The environment's deployments still waiting or running, oldest first. */
    public List<Deployment> unfinishedOf(String projectId, String environmentId) {
        return list("projectId = :project AND environmentId = :environment AND state IN :states ORDER BY queuedAt, id",
                Parameters.with("project", projectId).and("environment", environmentId)
                        .and("states", List.of(DeploymentState.QUEUED, DeploymentState.RUNNING)));
    }

    /**
     * What a list of a project's deployments keeps; each null member keeps any.
     *
     * @param activityId the environment-service Activity the deployment was requested for (API-3)
     */
    public record Filter(String environmentId, DeploymentState state, DeploymentTrigger trigger, String activityId) {
    }

    /** A project's deployments newest first after the cursor, filtered. */
    public List<Deployment> ofProject(String projectId, Filter filter, Instant beforeQueued, UUID beforeId, int limit) {
        StringBuilder query = new StringBuilder("projectId = :project");
        Parameters parameters = Parameters.with("project", projectId);
        if (filter.environmentId() != null) {
            query.append(" AND environmentId = :environment");
            parameters.and("environment", filter.environmentId());
        }
        if (filter.state() != null) {
            query.append(" AND state = :state");
            parameters.and("state", filter.state());
        }
        if (filter.trigger() != null) {
            query.append(" AND trigger = :trigger");
            parameters.and("trigger", filter.trigger());
        }
        if (filter.activityId() != null) {
            query.append(" AND activityId = :activity");
            parameters.and("activity", filter.activityId());
        }
        if (beforeQueued != null) {
            query.append(" AND (queuedAt < :at OR (queuedAt = :at AND id < :id))");
            parameters.and("at", beforeQueued).and("id", beforeId);
        }
        query.append(" ORDER BY queuedAt DESC, id DESC");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }
}
