package dev.slipway.deployment.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How instances share the queue (SPEC §1, DEP-3): a deployment is claimed in the database, so it
 * runs once, on one instance, one per environment; the claim is a lease the running instance
 * renews, so a dead instance's deployment is found and failed ("interrupted by restart") and the
 * queue goes on. The running hook's process group is recorded, so the same instance restarted
 * (even after SIGKILL) kills what its previous life left running.
 */
@ApplicationScoped
public class DeploymentClaims {

    private final EntityManager entityManager;

    public DeploymentClaims(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims the oldest queued deployment of an environment where none runs and whose removal
     * ({@code EnvironmentRemovals}, DEP-7) is not pending: RUNNING at VALIDATE,
     * leased to {@code instance}. Two instances racing for one environment meet the database's
     * one-running-per-environment index; the loser's transaction fails and it claims again.
     */
    public Optional<UUID> claimNext(String instance, Duration lease) {
        List<?> claimed = entityManager.createNativeQuery("UPDATE deployment SET state = 'RUNNING', phase = 'VALIDATE', started_at = now(), "
                + "claimed_by = :instance, lease_until = now() + make_interval(secs => :lease), version = version + 1 "
                + "WHERE id = (SELECT d.id FROM deployment d WHERE d.state = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM deployment r "
                + "WHERE r.project_id = d.project_id AND r.environment_id = d.environment_id AND r.state = 'RUNNING') "
                + "AND NOT EXISTS (SELECT 1 FROM environment_removal g WHERE g.project_id = d.project_id AND g.environment_id = d.environment_id) "
                + "ORDER BY d.queued_at, d.id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id", UUID.class)
                .setParameter("instance", instance).setParameter("lease", (double) lease.toMillis() / 1000).getResultList();
        return claimed.stream().map(UUID.class::cast).findFirst();
    }

    /** The running instance's heartbeat: its deployments' leases move on. */
    public int renew(String instance, Duration lease) {
        return entityManager.createNativeQuery("UPDATE deployment SET lease_until = now() + make_interval(secs => :lease) "
                + "WHERE state = 'RUNNING' AND claimed_by = :instance").setParameter("instance", instance)
                .setParameter("lease", (double) lease.toMillis() / 1000).executeUpdate();
    }

    /** Records the process group of the hook that now runs (null when none does). */
    public void recordHook(UUID deploymentId, Long processGroup) {
        entityManager.createNativeQuery("UPDATE deployment SET hook_pgid = :pgid WHERE id = :id").setParameter("pgid", processGroup)
                .setParameter("id", deploymentId).executeUpdate();
    }

    /** A RUNNING deployment whose runner is gone: its id and the hook process group it recorded. */
    public record Orphan(UUID deploymentId, Long hookProcessGroup) {
    }

    /**
     * What this instance's previous life left behind (found at start-up), locked: its RUNNING
     * deployments, and the finished ones whose hook group is still recorded (another instance failed
     * them when the lease ran out, but only this machine can kill their hooks).
     */
    public List<Orphan> leftBy(String instance) {
        return orphans("claimed_by = :instance AND (state = 'RUNNING' OR hook_pgid IS NOT NULL)", instance);
    }

    /** RUNNING deployments of instances that stopped renewing their lease, locked. */
    public List<Orphan> expired() {
        return orphans("state = 'RUNNING' AND lease_until < now()", null);
    }

    private List<Orphan> orphans(String condition, String instance) {
        var query = entityManager.createNativeQuery("SELECT id, hook_pgid FROM deployment WHERE " + condition + " FOR UPDATE SKIP LOCKED");
        if (instance != null) {
            query.setParameter("instance", instance);
        }
        return ((List<?>) query.getResultList()).stream().map(Object[].class::cast)
                .map(row -> new Orphan((UUID) row[0], row[1] == null ? null : ((Number) row[1]).longValue())).toList();
    }
}
