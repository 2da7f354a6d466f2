package dev.slipway.events.environment;

/**
 * environment-service's answer to an approved ticket it owns (TKT-5): {@code success}, and a
 * {@code detail} for the ticket's history (what changed, or why it could not be done).
 */
public record TicketFulfilled(String ticketId, String projectId, String environmentId, String ticketType, boolean success, String detail) {
}
