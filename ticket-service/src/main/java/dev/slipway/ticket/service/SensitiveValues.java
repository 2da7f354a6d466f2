package dev.slipway.ticket.service;

import dev.slipway.platform.domain.DomainException;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketRepository;
import dev.slipway.ticket.domain.TicketState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** SEC-3: opens a ticket's sealed values for its fulfilment, and for nothing else. */
@ApplicationScoped
public class SensitiveValues {

    private final TicketRepository tickets;
    private final SealedValues sealed;

    public SensitiveValues(TicketRepository tickets, SealedValues sealed) {
        this.tickets = tickets;
        this.sealed = sealed;
    }

    /** The values, while the ticket is APPROVED or IN_PROGRESS at {@code attempt}; 409 otherwise (cancelled, done, or retried since). */
    @Transactional
    public Map<String, String> forFulfilment(UUID ticketId, int attempt) {
        Ticket ticket = tickets.find(ticketId).orElseThrow(() -> TicketService.notFound(ticketId));
        boolean fulfilling = ticket.state() == TicketState.APPROVED || ticket.state() == TicketState.IN_PROGRESS;
        if (!fulfilling || ticket.attempt() != attempt) {
            throw new DomainException("SEC-3", 409, "ticket-not-in-fulfilment", "Ticket " + ticketId + " is " + ticket.state() + " at attempt "
                    + ticket.attempt() + ": its sensitive values are served only while attempt " + attempt + " is being fulfilled.");
        }
        return sealed.open(ticketId);
    }
}
