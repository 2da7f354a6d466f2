package dev.slipway.environment.domain;

import dev.slipway.events.ticket.TicketApproved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * TKT-5: the approvals this service acted on, by ticket and attempt. The inbox skips an event
 * delivered again under its id; an approval published again under a new id is recognised here.
 */
@ApplicationScoped
public class TicketApprovals {

    private final EntityManager entityManager;

    public TicketApprovals(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the approval; false when this ticket's attempt was approved here before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFirst(TicketApproved ticket) {
        return entityManager.createNativeQuery("INSERT INTO ticket_approval (ticket_id, attempt, received_at) VALUES (:ticket, :attempt, now()) "
                        + "ON CONFLICT (ticket_id, attempt) DO NOTHING")
                .setParameter("ticket", ticket.ticketId()).setParameter("attempt", PendingSettingsTickets.attemptOf(ticket)).executeUpdate() == 1;
    }
}
