package dev.slipway.ticket.readmodel;

import dev.slipway.events.access.SshGrantChanged;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ticket-service's copy of the grants ADD_SSH_KEY tickets made and the SSH sessions opened through
 * them, from ssh-gateway's events (SSH-2, SSH-3): an approved ticket's trail (TKT-5).
 */
@ApplicationScoped
public class AccessReadModel {

    private final EntityManager entityManager;

    public AccessReadModel(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void grantCreated(SshGrantChanged grant, Instant at) {
        entityManager.createNativeQuery("""
                INSERT INTO grant_view (id, project_id, environment_id, user_id, fingerprint, expires_at, ticket_id, created_at)
                VALUES (:id, :project, :environment, :user, :fingerprint, :expires, :ticket, :at) ON CONFLICT (id) DO NOTHING
                """).setParameter("id", UUID.fromString(grant.grantId())).setParameter("project", grant.projectId())
                .setParameter("environment", grant.environmentId()).setParameter("user", grant.userId()).setParameter("fingerprint", grant.fingerprint())
                .setParameter("expires", grant.expiresAt() == null ? null : Instant.parse(grant.expiresAt()))
                .setParameter("ticket", DeploymentReadModel.ticketIdOf(grant.ticketId())).setParameter("at", at)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void grantRevoked(SshGrantChanged grant, Instant at) {
        entityManager.createNativeQuery("UPDATE grant_view SET revoked_at = :at, revoked_reason = :reason WHERE id = :id AND revoked_at IS NULL")
                .setParameter("id", UUID.fromString(grant.grantId())).setParameter("at", at).setParameter("reason", grant.reason()).executeUpdate();
    }

    /** SSH-3: only sessions a grant let in are kept: they are what a ticket's trail shows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionOpened(SshSessionOpened session, Instant at) {
        if (session.grantId() == null) {
            return;
        }
        entityManager.createNativeQuery("""
                INSERT INTO session_view (id, grant_id, user_id, node, client_address, opened_at) VALUES (:id, :grant, :user, :node, :address, :at)
                ON CONFLICT (id) DO NOTHING
                """).setParameter("id", session.sessionId()).setParameter("grant", UUID.fromString(session.grantId()))
                .setParameter("user", session.userId()).setParameter("node", session.node()).setParameter("address", session.clientAddress())
                .setParameter("at", at).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionClosed(SshSessionClosed session, Instant at) {
        entityManager.createNativeQuery("""
                UPDATE session_view SET closed_at = :at, close_reason = :reason, duration_millis = :duration WHERE id = :id AND closed_at IS NULL
                """).setParameter("id", session.sessionId()).setParameter("at", at).setParameter("reason", session.reason())
                .setParameter("duration", session.durationMillis()).executeUpdate();
    }

    /** A grant a ticket made, with the sessions opened through it. */
    public record TicketGrant(String id, String environmentId, String userId, String fingerprint, Instant expiresAt, Instant createdAt,
            Instant revokedAt, String revokedReason, List<Session> sessions) {
    }

    public record Session(String id, String userId, int node, String clientAddress, Instant openedAt, Instant closedAt, String closeReason,
            Long durationMillis) {
    }

    /** The grants {@code ticketId} made, with their sessions (newest first, at most 100 per grant); two queries. */
    @SuppressWarnings("unchecked")
    public List<TicketGrant> ofTicket(UUID ticketId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, environment_id, user_id, fingerprint, expires_at, created_at, revoked_at, revoked_reason FROM grant_view
                WHERE ticket_id = :ticket ORDER BY created_at
                """).setParameter("ticket", ticketId).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Session>> sessions = new LinkedHashMap<>();
        rows.forEach(row -> sessions.put((UUID) row[0], new ArrayList<>()));
        List<Object[]> sessionRows = entityManager.createNativeQuery("""
                SELECT grant_id, id, user_id, node, client_address, opened_at, closed_at, close_reason, duration_millis FROM (
                  SELECT s.*, row_number() OVER (PARTITION BY grant_id ORDER BY opened_at DESC) AS n FROM session_view s WHERE grant_id IN (:ids)
                ) recent WHERE n <= 100 ORDER BY opened_at DESC
                """).setParameter("ids", sessions.keySet()).getResultList();
        for (Object[] s : sessionRows) {
            sessions.get((UUID) s[0]).add(new Session((String) s[1], (String) s[2], ((Number) s[3]).intValue(), (String) s[4],
                    DeploymentReadModel.instant(s[5]), DeploymentReadModel.instant(s[6]), (String) s[7], s[8] == null ? null : ((Number) s[8]).longValue()));
        }
        return rows.stream().map(row -> new TicketGrant(row[0].toString(), (String) row[1], (String) row[2], (String) row[3],
                DeploymentReadModel.instant(row[4]), DeploymentReadModel.instant(row[5]), DeploymentReadModel.instant(row[6]), (String) row[7],
                sessions.get((UUID) row[0]))).toList();
    }
}
