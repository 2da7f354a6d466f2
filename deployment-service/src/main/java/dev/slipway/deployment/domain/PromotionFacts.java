package dev.slipway.deployment.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The facts DEP-5 and CFG-3 decide on, from this service's own deployments and the approvals it was
 * told of, and {@link Promotion}'s rules applied to them: VALIDATE and the config check for ticket
 * previews ask the same two questions here, so they cannot answer differently.
 */
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

    /** DEP-5: why {@code commit} may not deploy on the environment now (it never succeeded on the source tier); empty when it may. */
    public Optional<Refusal> checkPromotion(String projectId, String environmentId, String commit) {
        EnvironmentType target = EnvironmentType.ofEnvironmentId(environmentId);
        Optional<String> source = Promotion.sourceOf(target);
        return Promotion.checkPromotion(target, commit, source.isEmpty() || succeeded(projectId, source.get(), commit));
    }

    /**
     * CFG-3: why a configuration of {@code digest} may not deploy on the environment now (it differs
     * from the one the tier runs and no ticket approved it); empty when it may. Call it in one
     * transaction, so the current digest and the approvals are read together.
     */
    public Optional<Refusal> checkConfiguration(String projectId, String environmentId, String digest) {
        return Promotion.checkConfiguration(EnvironmentType.ofEnvironmentId(environmentId), digest,
                currentDigest(projectId, environmentId).orElse(null), approvedDigests(projectId, environmentId));
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
