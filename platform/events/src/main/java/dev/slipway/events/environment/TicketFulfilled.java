package dev.slipway.events.environment;

import dev.slipway.events.ticket.TicketType;

/**
 * environment-service's answer to an approved ticket it owns (TKT-5): {@code success}, and a
 * {@code detail} for the ticket's history (what changed, or why it could not be done).
 */
public record TicketFulfilled(String ticketId, String projectId, String environmentId, TicketType ticketType, boolean success, String detail) {
}
