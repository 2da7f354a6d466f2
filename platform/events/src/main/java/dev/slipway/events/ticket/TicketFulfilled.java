package dev.slipway.events.ticket;

/**
 * The owning service's answer to an approved ticket (TKT-5): {@code success}, a {@code detail} for the
 * ticket's history (what changed, or why it could not be done) and, when the fulfilment created
 * something, its id in {@code resultId} (a grant id for ADD_SSH_KEY, a deployment id for DEPLOY).
 * Each fulfilling service publishes it under its own type on its own topic (EVT-2). {@code attempt}
 * repeats the approval's, so ticket-service applies only the answer to the attempt it waits for.
 */
public record TicketFulfilled(String ticketId, String projectId, String environmentId, TicketType ticketType, boolean success, String detail,
        String resultId, Integer attempt) {
}
