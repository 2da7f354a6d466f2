package dev.slipway.ticket.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketApproved.VariableChange;
import dev.slipway.platform.events.EventPublisher;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The events ticket-service publishes, built in one place (EVT-1) and written to the outbox in the caller's transaction (EVT-3). */
@ApplicationScoped
public class TicketEvents {

    private final EventPublisher publisher;

    public TicketEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * TKT-5: the approval (or a retry's new approval) for the owning service to fulfil. Only the
     * ticket type's fields are set; a sealed sensitive value travels as null (SEC-3).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(Ticket ticket, String approvedBy) {
        publisher.publish(EventCatalog.TICKET_APPROVED, ticket.projectId(), "tickets/" + ticket.id(), approvalOf(ticket, approvedBy));
    }

    static TicketApproved approvalOf(Ticket ticket, String approvedBy) {
        TicketPayload p = ticket.payload();
        List<VariableChange> variables = p.variables() == null ? null : p.changes().stream()
                .map(c -> new VariableChange(c.action(), c.name(), c.hasSealedValue() ? null : c.value(), c.json(), c.sensitive(), c.inheritable(),
                        c.visibleBuild(), c.visibleRuntime(), c.enabled()))
                .toList();
        return new TicketApproved(ticket.id().toString(), ticket.projectId(), ticket.environmentId(), ticket.type(), approvedBy, variables,
                p.approveConfigDigest(), p.domains(), p.commit(), p.includeData(), p.publicKey(), p.title(),
                p.expiresAt() == null ? null : p.expiresAt().toString(), ticket.requestedBy(), ticket.attempt());
    }
}
