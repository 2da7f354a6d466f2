package dev.slipway.environment.domain;

import dev.slipway.events.deployment.NodeHealth;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import org.hibernate.jpa.HibernateHints;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** ENV-6: each node's release and health as deployment-service last reported them. */
@ApplicationScoped
public class EnvironmentNodeRepository implements PanacheRepositoryBase<EnvironmentNode, EnvironmentNode.Key> {

    /** The reported nodes of several environments in one query, by environment id, loaded read-only. */
    public Map<String, List<EnvironmentNode>> of(String projectId, Collection<String> environmentIds) {
        if (environmentIds.isEmpty()) {
            return Map.of();
        }
        return find("key.projectId = :project AND key.environmentId IN :environments ORDER BY key.node",
                Parameters.with("project", projectId).and("environments", environmentIds))
                .withHint(HibernateHints.HINT_READ_ONLY, true).list().stream().collect(Collectors.groupingBy(EnvironmentNode::environmentId));
    }

    /** Records what a node runs now. */
    public void report(String projectId, String environmentId, int node, String releaseId, String commit, NodeHealth health, Instant now) {
        EnvironmentNode.Key key = new EnvironmentNode.Key(projectId, environmentId, node);
        EnvironmentNode reported = findById(key);
        boolean added = reported == null;
        if (added) {
            reported = new EnvironmentNode(projectId, environmentId, node);
        }
        reported.report(releaseId, commit, health, now);
        if (added) {
            persist(reported);
        }
    }
}
