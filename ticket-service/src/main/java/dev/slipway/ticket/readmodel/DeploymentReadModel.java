package dev.slipway.ticket.readmodel;

import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ticket-service's copy of deployments, from deployment-service's events: where each stands, and
 * for deployments that tickets caused, every step they took. It gives a DEPLOY ticket its default
 * commit (the source tier's last success, TKT-1), its preview's current commit and DEP-5 answer,
 * and its trail (TKT-5).
 */
@ApplicationScoped
public class DeploymentReadModel {

    private final EntityManager entityManager;

    public DeploymentReadModel(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A deployment event, applied in the inbox transaction; {@code at} is when it happened. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DeploymentStatusChanged event, Instant at) {
        UUID id = UUID.fromString(event.deploymentId());
        // Only this service's tickets (UUIDs) have a trail here; another producer's ticket id is not one of ours.
        UUID ticket = ticketIdOf(event.ticketId());
        entityManager.createNativeQuery("""
                INSERT INTO deployment_view (id, project_id, environment_id, commit_id, trigger, state, phase, detail, ticket_id, ticket_attempt,
                                             first_seen_at, updated_at)
                VALUES (:id, :project, :environment, :commit, :trigger, :state, :phase, :detail, :ticket, :attempt, :at, :at)
                ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, phase = EXCLUDED.phase, detail = EXCLUDED.detail, updated_at = EXCLUDED.updated_at,
                    commit_id = COALESCE(EXCLUDED.commit_id, deployment_view.commit_id)
                """)
                .setParameter("id", id).setParameter("project", event.projectId()).setParameter("environment", event.environmentId())
                .setParameter("commit", event.commit()).setParameter("trigger", event.trigger().name()).setParameter("state", event.state().name())
                .setParameter("phase", event.phase() == null ? null : event.phase().name()).setParameter("detail", event.detail())
                .setParameter("ticket", ticket)
                .setParameter("attempt", event.ticketAttempt()).setParameter("at", at)
                .executeUpdate();
        if (ticket != null) {
            entityManager.createNativeQuery("INSERT INTO deployment_step (deployment_id, state, phase, detail, at) VALUES (:id, :state, :phase, :detail, :at)")
                    .setParameter("id", id).setParameter("state", event.state().name())
                    .setParameter("phase", event.phase() == null ? null : event.phase().name()).setParameter("detail", event.detail())
                    .setParameter("at", at).executeUpdate();
        }
    }

    /** A ticket id this service could have issued, or null. */
    public static UUID ticketIdOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The commit of the environment's last SUCCEEDED deployment: what it runs now. */
    public Optional<String> lastSucceededCommit(String projectId, String environmentId) {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT commit_id FROM deployment_view WHERE project_id = :project AND environment_id = :environment AND state = 'SUCCEEDED'
                AND commit_id IS NOT NULL ORDER BY updated_at DESC LIMIT 1
                """).setParameter("project", projectId).setParameter("environment", environmentId).getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    /** DEP-5: whether the commit ever deployed successfully on the environment. */
    public boolean succeededOn(String projectId, String environmentId, String commit) {
        return !entityManager.createNativeQuery("""
                SELECT 1 FROM deployment_view WHERE project_id = :project AND environment_id = :environment AND commit_id = :commit
                AND state = 'SUCCEEDED' LIMIT 1
                """).setParameter("project", projectId).setParameter("environment", environmentId).setParameter("commit", commit)
                .getResultList().isEmpty();
    }

    /** One deployment a ticket caused, with its steps in order. */
    public record TicketDeployment(String id, String environmentId, String commit, DeploymentState state, String phase, String detail,
            Integer attempt, Instant queuedAt, Instant updatedAt, List<Step> steps) {
    }

    /** One event of it: the state and phase it reached, and when. */
    public record Step(DeploymentState state, String phase, String detail, Instant at) {
    }

    /** The deployments {@code ticketId} caused, oldest first; two queries whatever their number. */
    @SuppressWarnings("unchecked")
    public List<TicketDeployment> ofTicket(UUID ticketId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, environment_id, commit_id, state, phase, detail, ticket_attempt, first_seen_at, updated_at FROM deployment_view
                WHERE ticket_id = :ticket ORDER BY first_seen_at, id
                """).setParameter("ticket", ticketId).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Step>> steps = new LinkedHashMap<>();
        rows.forEach(row -> steps.put((UUID) row[0], new ArrayList<>()));
        List<Object[]> stepRows = entityManager.createNativeQuery("""
                SELECT deployment_id, state, phase, detail, at FROM deployment_step WHERE deployment_id IN (:ids) ORDER BY id
                """).setParameter("ids", steps.keySet()).getResultList();
        for (Object[] step : stepRows) {
            steps.get((UUID) step[0]).add(new Step(DeploymentState.valueOf((String) step[1]), (String) step[2], (String) step[3], instant(step[4])));
        }
        return rows.stream().map(row -> new TicketDeployment(row[0].toString(), (String) row[1], (String) row[2],
                DeploymentState.valueOf((String) row[3]), (String) row[4], (String) row[5], (Integer) row[6], instant(row[7]), instant(row[8]),
                steps.get((UUID) row[0]))).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
