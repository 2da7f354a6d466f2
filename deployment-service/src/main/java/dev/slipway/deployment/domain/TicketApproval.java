package dev.slipway.deployment.domain;

import java.util.Objects;

/**
 * The approval of a ticket that a TICKET deployment fulfils (TKT-5): the ticket and which of its
 * approvals it is, 1 for the first and one more per retry of a FAILED ticket (TKT-3). Every event of
 * the deployment names both, so ticket-service applies only the result of the attempt it waits for.
 */
public record TicketApproval(String ticketId, int attempt) {

    public TicketApproval {
        Objects.requireNonNull(ticketId, "ticketId");
        if (attempt < 1) {
            throw new IllegalArgumentException("a ticket's approvals count from 1, not " + attempt);
        }
    }
}
