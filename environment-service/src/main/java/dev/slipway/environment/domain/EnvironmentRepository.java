package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.api.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import org.hibernate.jpa.HibernateHints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A project's environments (ENV-1..8) and the queries on them. */
@ApplicationScoped
public class EnvironmentRepository implements PanacheRepositoryBase<Environment, Environment.Key> {

    /** Filters of the environment list; null means any. */
    public record Filter(EnvironmentType type, EnvironmentStatus status) {
    }

    public Optional<Environment> find(String projectId, String environmentId) {
        return findByIdOptional(new Environment.Key(projectId, environmentId));
    }

    /** The environment, or 404 naming it. */
    public Environment get(String projectId, String environmentId) {
        return find(projectId, environmentId).orElseThrow(() -> noSuchEnvironment(projectId, environmentId));
    }

    public static ProblemException noSuchEnvironment(String projectId, String environmentId) {
        return ProblemException.notFound("Project " + projectId + " has no environment '" + environmentId + "'.");
    }

    /** A page of environments by id, after {@code afterId} (null: from the first), loaded read-only. */
    public List<Environment> page(String projectId, Filter filter, String afterId, int limit) {
        StringBuilder query = new StringBuilder("key.projectId = :project AND key.id > :after");
        Parameters parameters = Parameters.with("project", projectId).and("after", afterId == null ? "" : afterId);
        if (filter.type() != null) {
            query.append(" AND type = :type");
            parameters = parameters.and("type", filter.type());
        }
        if (filter.status() != null) {
            query.append(" AND status = :status");
            parameters = parameters.and("status", filter.status());
        }
        PanacheQuery<Environment> page = find(query.append(" ORDER BY key.id").toString(), parameters);
        return page.withHint(HibernateHints.HINT_READ_ONLY, true).page(0, limit).list();
    }

    /** Every environment of the project, oldest first. */
    public List<Environment> ofProject(String projectId) {
        return list("key.projectId = :project ORDER BY createdAt, key.id", Parameters.with("project", projectId));
    }

    /** The Integration environment on {@code branch}, if any (SSH-4: pushes name branches). */
    public Optional<Environment> onBranch(String projectId, String branch) {
        return find("key.projectId = :project AND type = :type AND branch = :branch",
                Parameters.with("project", projectId).and("type", EnvironmentType.INTEGRATION).and("branch", branch)).firstResultOptional();
    }

    /** ENV-3: ACTIVE and DIRTY Integration environments, master included. */
    public long countActive(String projectId) {
        return count("key.projectId = :project AND type = :type AND status IN :active", Parameters.with("project", projectId)
                .and("type", EnvironmentType.INTEGRATION).and("active", List.of(EnvironmentStatus.ACTIVE, EnvironmentStatus.DIRTY)));
    }

    public List<Environment> childrenOf(String projectId, String parentId) {
        return list("key.projectId = :project AND parentId = :parent", Parameters.with("project", projectId).and("parent", parentId));
    }

    /** VAR-4: the environments a project-level variable change redeploys at once. */
    public List<Environment> activeIntegration(String projectId) {
        return list("key.projectId = :project AND type = :type AND status IN :active ORDER BY key.id", Parameters.with("project", projectId)
                .and("type", EnvironmentType.INTEGRATION).and("active", List.of(EnvironmentStatus.ACTIVE, EnvironmentStatus.DIRTY)));
    }

    /** The tree of a project in one query: each environment's parent id (null for roots). */
    public Map<String, String> parents(String projectId) {
        Map<String, String> parents = new HashMap<>();
        getEntityManager().createQuery("SELECT e.key.id, e.parentId FROM Environment e WHERE e.key.projectId = :project", Object[].class)
                .setParameter("project", projectId).getResultList()
                .forEach(row -> parents.put((String) row[0], (String) row[1]));
        return parents;
    }
}
