package dev.slipway.events.ticket;

import java.util.List;

/**
 * Support approved a ticket (TKT-3); the service that owns the change fulfils it (TKT-5).
 * Only the fields of the ticket's type are set:
 *
 * <ul>
 *   <li>DEPLOYMENT_SETTINGS: {@code variables} (changes) and/or {@code approveConfigDigest} (CFG-3);</li>
 *   <li>GO_LIVE: {@code domains};</li>
 *   <li>DEPLOY: {@code commit}, {@code includeData};</li>
 *   <li>ADD_SSH_KEY: {@code publicKey}, {@code title}, {@code expiresAt}.</li>
 * </ul>
 *
 * {@code requestedBy} is the user who opened the ticket: an ADD_SSH_KEY key is registered to them.
 * Sensitive variable values never travel in events (SEC-3): a change of a sensitive variable
 * carries no value here; the fulfilling service reads it from ticket-service's internal interface.
 * {@code attempt} counts the approvals of this ticket (1, then one more per retry of a FAILED
 * ticket, TKT-3); the result names it, so a late result of an earlier attempt changes nothing.
 */
public record TicketApproved(String ticketId, String projectId, String environmentId, TicketType type, String approvedBy,
        List<VariableChange> variables, String approveConfigDigest, List<String> domains, String commit, Boolean includeData,
        String publicKey, String title, String expiresAt, String requestedBy, Integer attempt) {

    /** A variable to set or delete on the ticket's environment. */
    public record VariableChange(Action action, String name, String value, Boolean json, Boolean sensitive, Boolean inheritable,
            Boolean visibleBuild, Boolean visibleRuntime, Boolean enabled) {

        /** SET creates or changes the variable with the given settings; DELETE removes it if it exists. */
        public enum Action {
            SET, DELETE
        }
    }
}
