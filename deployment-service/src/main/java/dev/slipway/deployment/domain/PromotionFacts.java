package dev.slipway.deployment.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The facts DEP-5 and CFG-3 decide on, from this service's own deployments and the approvals it was told of. */
@ApplicationScoped
public class PromotionFacts {

    private final EntityManager entityManager;

    public PromotionFacts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** DEP-5: whether {@code commit} ever deployed successfully on the environment (a rollback there keeps DEP-5, DEP-9). */
    public boolean succeeded(String projectId, String environmentId, String commit) {
        return !entityManager.createNativeQuery("SELECT 1 FROM deployment WHERE project_id = :project AND environment_id = :environment "
                + "AND commit_sha = :commit AND state = 'SUCCEEDED' LIMIT 1").setParameter("project", projectId)
                .setParameter("environment", environmentId).setParameter("commit", commit).getResultList().isEmpty();
    }

    /** The commit of the environment's latest successful deployment (a DEPLOY ticket's default, TKT-1). */
    public Optional<String> lastSucceededCommit(String projectId, String environmentId) {
        return latestSucceeded(projectId, environmentId, "commit_sha");
    }

    /** CFG-3: the digest the environment runs now (its latest successful deployment's); empty before its first. */
    public Optional<String> currentDigest(String projectId, String environmentId) {
        return latestSucceeded(projectId, environmentId, "config_digest");
    }

    /** CFG-3 for one environment: the digest it runs now (empty before its first deployment) and those approved tickets allow. */
    public record Configuration(Optional<String> current, Set<String> approved) {
    }

    /** CFG-3: what VALIDATE checks a digest against, read at once. */
    public Configuration configuration(String projectId, String environmentId) {
        return new Configuration(currentDigest(projectId, environmentId), approvedDigests(projectId, environmentId));
    }

    /** CFG-3: the digests approved DEPLOYMENT_SETTINGS tickets allow on the environment. */
    public Set<String> approvedDigests(String projectId, String environmentId) {
        List<?> rows = entityManager.createNativeQuery("SELECT digest FROM approved_config WHERE project_id = :project AND environment_id = :environment",
                String.class).setParameter("project", projectId).setParameter("environment", environmentId).getResultList();
        Set<String> digests = new HashSet<>();
        rows.forEach(row -> digests.add((String) row));
        return digests;
    }

    /** Records an approval (TKT-5: DEPLOYMENT_SETTINGS with approveConfigOf); a repeat changes nothing. */
    public void approve(String projectId, String environmentId, String digest, String ticketId, Instant now) {
        entityManager.createNativeQuery("INSERT INTO approved_config (project_id, environment_id, digest, ticket_id, approved_at) "
                + "VALUES (:project, :environment, :digest, :ticket, :at) ON CONFLICT DO NOTHING").setParameter("project", projectId)
                .setParameter("environment", environmentId).setParameter("digest", digest).setParameter("ticket", ticketId)
                .setParameter("at", java.sql.Timestamp.from(now)).executeUpdate();
    }

    private Optional<String> latestSucceeded(String projectId, String environmentId, String column) {
        List<?> rows = entityManager.createNativeQuery("SELECT " + column + " FROM deployment WHERE project_id = :project "
                + "AND environment_id = :environment AND state = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1").setParameter("project", projectId)
                .setParameter("environment", environmentId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }
}
