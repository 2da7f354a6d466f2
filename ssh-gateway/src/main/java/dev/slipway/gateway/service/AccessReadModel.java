package dev.slipway.gateway.service;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.gateway.domain.SshAccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's copy of what other services own and it needs (EVT-3, applied in the inbox
 * transaction): projects' active-environment limits and environments (ENV-3, for a push's
 * {@code remote:} lines), each environment's {@code access.ssh} and the commits that deployed
 * successfully (SSH-2, DEP-5 for tier pushes), all from events.
 */
@ApplicationScoped
public class AccessReadModel {

    private final EntityManager entityManager;
    private final AccessChanges changes;

    public AccessReadModel(EntityManager entityManager, AccessChanges changes) {
        this.entityManager = entityManager;
        this.changes = changes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void projectCreated(ProjectCreated created) {
        limitChanged(created.projectId(), created.activeEnvironmentLimit());
        for (ProjectCreated.EnvironmentSummary environment : created.environments()) {
            upsertEnvironment(created.projectId(), environment.environmentId(), environment.type().name(), environment.status().name(),
                    environment.branch());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void limitChanged(String projectId, int limit) {
        entityManager.createNativeQuery("INSERT INTO known_project (project_id, active_environment_limit) VALUES (:project, :limit) "
                + "ON CONFLICT (project_id) DO UPDATE SET active_environment_limit = EXCLUDED.active_environment_limit")
                .setParameter("project", projectId).setParameter("limit", limit).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void environmentChanged(EnvironmentChanged changed) {
        upsertEnvironment(changed.projectId(), changed.environmentId(), changed.type().name(), changed.status().name(), changed.branch());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void environmentDeleted(EnvironmentChanged deleted) {
        entityManager.createNativeQuery("DELETE FROM known_environment WHERE project_id = :project AND environment_id = :environment")
                .setParameter("project", deleted.projectId()).setParameter("environment", deleted.environmentId()).executeUpdate();
        changes.accessMayHaveShrunk("project:" + deleted.projectId());
    }

    /** DEP-5 facts and the deployed app's {@code access.ssh}; a stricter one ends sessions it no longer admits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deploymentSucceeded(DeploymentStatusChanged deployment) {
        if (deployment.commit() != null) {
            entityManager.createNativeQuery("INSERT INTO succeeded_deployment (project_id, environment_id, commit_sha, succeeded_at) "
                    + "VALUES (:project, :environment, :commit, :at) ON CONFLICT DO NOTHING")
                    .setParameter("project", deployment.projectId()).setParameter("environment", deployment.environmentId())
                    .setParameter("commit", deployment.commit()).setParameter("at", Instant.now()).executeUpdate();
        }
        String access = deployment.sshAccess() == null ? null : deployment.sshAccess().name();
        Optional<ProjectRole> before = known(deployment.projectId(), deployment.environmentId()).sshAccess();
        entityManager.createNativeQuery("INSERT INTO known_environment (project_id, environment_id, ssh_access) VALUES (:project, :environment, :access) "
                + "ON CONFLICT (project_id, environment_id) DO UPDATE SET ssh_access = EXCLUDED.ssh_access")
                .setParameter("project", deployment.projectId()).setParameter("environment", deployment.environmentId())
                .setParameter("access", access).executeUpdate();
        if (!Objects.equals(before.orElse(null), deployment.sshAccess())) {
            changes.accessMayHaveShrunk("project:" + deployment.projectId());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void projectDeleted(String projectId) {
        for (String table : new String[] {"known_project", "known_environment", "succeeded_deployment"}) {
            entityManager.createNativeQuery("DELETE FROM " + table + " WHERE project_id = :project").setParameter("project", projectId).executeUpdate();
        }
        entityManager.createNativeQuery("UPDATE ssh_grant SET revoked_at = now(), revoked_by = 'slipway', revoked_reason = 'project deleted' "
                + "WHERE project_id = :project AND revoked_at IS NULL").setParameter("project", projectId).executeUpdate();
        changes.accessMayHaveShrunk("project:" + projectId);
    }

    /**
     * What the gateway knows of an environment, in one query (it is asked on every SSH
     * authentication): its status, empty when unknown; its reported {@code access.ssh}, empty when
     * none was reported (admin then, CFG-2).
     */
    public record KnownEnvironment(Optional<EnvironmentStatus> status, Optional<ProjectRole> sshAccess) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public KnownEnvironment known(String projectId, String environmentId) {
        List<?> rows = entityManager.createNativeQuery("SELECT status, ssh_access FROM known_environment "
                + "WHERE project_id = :project AND environment_id = :environment").setParameter("project", projectId)
                .setParameter("environment", environmentId).getResultList();
        if (rows.isEmpty()) {
            return new KnownEnvironment(Optional.empty(), Optional.empty());
        }
        Object[] row = (Object[]) rows.get(0);
        return new KnownEnvironment(Optional.ofNullable((String) row[0]).map(EnvironmentStatus::valueOf),
                Optional.ofNullable((String) row[1]).map(ProjectRole::valueOf));
    }

    /** DEP-5 as the gateway knows it: {@code commit} deployed successfully on {@code environmentId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean succeededOn(String projectId, String environmentId, String commit) {
        return !entityManager.createNativeQuery("SELECT 1 FROM succeeded_deployment WHERE project_id = :project AND environment_id = :environment "
                + "AND commit_sha = :commit").setParameter("project", projectId).setParameter("environment", environmentId)
                .setParameter("commit", commit).getResultList().isEmpty();
    }

    /** What the gateway knows of a branch's environment and its project's room (ENV-3), for a push's remote: lines. */
    public record BranchOutlook(String environmentId, String status, int activeIntegration, int limit) {

        public boolean hasEnvironment() {
            return environmentId != null;
        }

        public boolean hasRoom() {
            return activeIntegration < limit;
        }
    }

    @Transactional
    public BranchOutlook outlook(String projectId, String branch) {
        Object[] row = (Object[]) entityManager.createNativeQuery("SELECT "
                + "(SELECT environment_id FROM known_environment WHERE project_id = :project AND branch = :branch AND type = 'INTEGRATION' LIMIT 1), "
                + "(SELECT status FROM known_environment WHERE project_id = :project AND branch = :branch AND type = 'INTEGRATION' LIMIT 1), "
                + "(SELECT count(*) FROM known_environment WHERE project_id = :project AND type = 'INTEGRATION' AND status IN ('ACTIVE', 'DIRTY')), "
                + "(SELECT active_environment_limit FROM known_project WHERE project_id = :project)")
                .setParameter("project", projectId).setParameter("branch", branch).getSingleResult();
        return new BranchOutlook((String) row[0], (String) row[1], ((Number) row[2]).intValue(), row[3] == null ? 8 : ((Number) row[3]).intValue());
    }

    /** An active Integration environment and the least role its SSH admits (SSH-2). */
    public record ReachableEnvironment(String environmentId, ProjectRole sshAccess) {
    }

    /** The project's active Integration environments with their access.ssh (admin when unreported), in one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReachableEnvironment> activeIntegration(String projectId) {
        List<?> rows = entityManager.createNativeQuery("SELECT environment_id, ssh_access FROM known_environment "
                + "WHERE project_id = :project AND type = 'INTEGRATION' AND status IN ('ACTIVE', 'DIRTY') ORDER BY environment_id")
                .setParameter("project", projectId).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new ReachableEnvironment((String) row[0],
                row[1] == null ? SshAccessPolicy.DEFAULT_SSH_ACCESS : ProjectRole.valueOf((String) row[1]))).toList();
    }

    private void upsertEnvironment(String projectId, String environmentId, String type, String status, String branch) {
        entityManager.createNativeQuery("INSERT INTO known_environment (project_id, environment_id, type, status, branch) "
                + "VALUES (:project, :environment, :type, :status, :branch) ON CONFLICT (project_id, environment_id) "
                + "DO UPDATE SET type = EXCLUDED.type, status = EXCLUDED.status, branch = EXCLUDED.branch")
                .setParameter("project", projectId).setParameter("environment", environmentId).setParameter("type", type)
                .setParameter("status", status).setParameter("branch", branch).executeUpdate();
    }
}
