package dev.slipway.environment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.platform.database.LocalTransaction;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Approved DEPLOYMENT_SETTINGS tickets that wait for their sensitive values (SEC-3), recorded in the
 * transaction of the approval event and removed in the one that answers the ticket (TKT-5). A
 * ticket's approval is kept as it arrived (its sensitive changes carry no value). Instances claim
 * one at a time for a lease, during which the values are read outside any transaction (SPEC §1:
 * work is claimed in the database); a claim whose lease ran out may be taken by another instance,
 * and only the holder of the current claim may complete or postpone it.
 */
@ApplicationScoped
public class PendingSettingsTickets {

    /**
     * A pending ticket held by this instance under {@code claimId}; {@code failures}: earlier rounds
     * that had to wait; {@code ticket} null when the kept approval no longer reads.
     */
    public record Claim(String ticketId, int attempt, UUID claimId, int failures, TicketApproved ticket) {
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final ObjectMapper writer;
    private final ObjectReader reader;

    public PendingSettingsTickets(EntityManager entityManager, AgroalDataSource dataSource, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.writer = mapper;
        // Rows written by an earlier version of the service still read after the contract gained or lost a field.
        this.reader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).forType(TicketApproved.class);
    }

    /** The attempt a ticket's approval names; an approval without one (an older ticket-service) is the first. */
    public static int attemptOf(TicketApproved ticket) {
        return ticket.attempt() == null ? 1 : ticket.attempt();
    }

    /** Records that the ticket waits for its values, due at once; a second approval of the same attempt adds nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(TicketApproved ticket) {
        String json;
        try {
            json = writer.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot keep the approval of ticket " + ticket.ticketId() + " (" + e.getClass().getSimpleName() + ")");
        }
        entityManager.createNativeQuery("INSERT INTO pending_settings_ticket (ticket_id, attempt, project_id, environment_id, ticket, recorded_at, "
                        + "due_at) VALUES (:ticket, :attempt, :project, :environment, :json, now(), now()) ON CONFLICT (ticket_id, attempt) DO NOTHING")
                .setParameter("ticket", ticket.ticketId()).setParameter("attempt", attemptOf(ticket)).setParameter("project", ticket.projectId())
                .setParameter("environment", ticket.environmentId()).setParameter("json", json).executeUpdate();
    }

    /**
     * Claims the pending ticket due first that no live claim holds, for {@code lease}; rows another
     * instance is claiming are skipped. In a transaction of its own on a plain connection, like the
     * outbox relay's rounds: the worker's idle rounds stay out of Hibernate's session and statistics.
     */
    public Optional<Claim> claimNext(Duration lease) {
        return jdbc(connection -> {
            String ticketId;
            int attempt;
            int failures;
            String json;
            try (PreparedStatement select = connection.prepareStatement("SELECT ticket_id, attempt, failures, ticket FROM pending_settings_ticket "
                    + "WHERE due_at <= now() AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED");
                    ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ticketId = row.getString(1);
                attempt = row.getInt(2);
                failures = row.getInt(3);
                json = row.getString(4);
            }
            UUID claimId = UUID.randomUUID();
            try (PreparedStatement claim = connection.prepareStatement("UPDATE pending_settings_ticket SET claim_id = ?, "
                    + "claimed_until = now() + make_interval(secs => ?) WHERE ticket_id = ? AND attempt = ?")) {
                claim.setObject(1, claimId);
                claim.setDouble(2, lease.toMillis() / 1000.0);
                claim.setString(3, ticketId);
                claim.setInt(4, attempt);
                claim.executeUpdate();
            }
            return Optional.of(new Claim(ticketId, attempt, claimId, failures, read(json)));
        });
    }

    /**
     * Locks the claimed row until the transaction ends; false when the claim no longer holds it (another
     * instance took it over after the lease ran out, or already answered the ticket).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lock(Claim claim) {
        return !entityManager.createNativeQuery("SELECT 1 FROM pending_settings_ticket WHERE ticket_id = :ticket AND attempt = :attempt "
                        + "AND claim_id = :claim FOR UPDATE")
                .setParameter("ticket", claim.ticketId()).setParameter("attempt", claim.attempt()).setParameter("claim", claim.claimId())
                .getResultList().isEmpty();
    }

    /** Releases the claim and makes the ticket due again after {@code delay}; {@code reason} (no value in it, SEC-3) is kept for operators. */
    public void postpone(Claim claim, Duration delay, String reason) {
        jdbc(connection -> {
            try (PreparedStatement postpone = connection.prepareStatement("UPDATE pending_settings_ticket SET failures = failures + 1, "
                    + "due_at = now() + make_interval(secs => ?), claim_id = NULL, claimed_until = NULL, last_delay = ? "
                    + "WHERE ticket_id = ? AND attempt = ? AND claim_id = ?")) {
                postpone.setDouble(1, delay.toMillis() / 1000.0);
                postpone.setString(2, truncate(reason, 500));
                postpone.setString(3, claim.ticketId());
                postpone.setInt(4, claim.attempt());
                postpone.setObject(5, claim.claimId());
                return postpone.executeUpdate();
            }
        });
    }

    /** The ticket was answered: it waits no more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(Claim claim) {
        entityManager.createNativeQuery("DELETE FROM pending_settings_ticket WHERE ticket_id = :ticket AND attempt = :attempt")
                .setParameter("ticket", claim.ticketId()).setParameter("attempt", claim.attempt()).executeUpdate();
    }

    /** Null when the row does not read: the caller postpones it rather than let it block the rows behind it. */
    private TicketApproved read(String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private <T> T jdbc(LocalTransaction.Work<T> work) {
        try {
            return LocalTransaction.run(dataSource, work);
        } catch (SQLException e) {
            // DatabaseOutage tells an outage by the cause; the round ends and the next one retries.
            throw new IllegalStateException("pending_settings_ticket: " + e.getMessage(), e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
