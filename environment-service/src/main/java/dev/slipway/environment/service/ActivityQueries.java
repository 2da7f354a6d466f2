package dev.slipway.environment.service;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads activities (API-3), newest first. */
@ApplicationScoped
public class ActivityQueries {

    private final EntityManager entityManager;

    public ActivityQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Filters; null means any. {@code after} is the (createdAt, id) of the last item of the previous page. */
    public record Filter(String environmentId, String type, ActivityState state) {
    }

    @Transactional
    public List<Activity> list(String projectId, Filter filter, Instant afterTime, UUID afterId, int limit) {
        StringBuilder jpql = new StringBuilder("FROM Activity a WHERE a.projectId = :project");
        if (filter.environmentId() != null) {
            jpql.append(" AND a.environmentId = :environment");
        }
        if (filter.type() != null) {
            jpql.append(" AND a.type = :type");
        }
        if (filter.state() != null) {
            jpql.append(" AND a.state = :state");
        }
        if (afterTime != null) {
            jpql.append(" AND (a.createdAt < :afterTime OR (a.createdAt = :afterTime AND a.id < :afterId))");
        }
        jpql.append(" ORDER BY a.createdAt DESC, a.id DESC");
        var query = entityManager.createQuery(jpql.toString(), Activity.class).setParameter("project", projectId).setMaxResults(limit);
        if (filter.environmentId() != null) {
            query.setParameter("environment", filter.environmentId());
        }
        if (filter.type() != null) {
            query.setParameter("type", filter.type());
        }
        if (filter.state() != null) {
            query.setParameter("state", filter.state());
        }
        if (afterTime != null) {
            query.setParameter("afterTime", afterTime).setParameter("afterId", afterId);
        }
        return query.getResultList();
    }

    @Transactional
    public Optional<Activity> find(String projectId, UUID id) {
        return Optional.ofNullable(entityManager.find(Activity.class, id)).filter(activity -> activity.projectId().equals(projectId));
    }
}
