package dev.slipway.ticket.domain;

/**
 * What can happen to a ticket (TKT-3, TKT-5): people's decisions through the API and the owning
 * service's result events, with the words refusals and the history use.
 */
public enum TicketAction {
    /** Support lets the change happen; the owning service fulfils it (TKT-5). */
    APPROVE("approve", "approved"),
    /** Support declines it; a reason is required. */
    REJECT("reject", "rejected"),
    /** The requester withdraws it while OPEN. */
    CANCEL("cancel", "cancelled"),
    /** The owning service started the change (its result event, or the first of them). */
    START("start", "started"),
    /** The change is done: the owning service's success, or support closing a GENERAL ticket. */
    RESOLVE("resolve", "resolved"),
    /** The owning service could not make the change. */
    FAIL("fail", "failed"),
    /** Support approves a FAILED ticket again. */
    RETRY("retry", "retried");

    private final String verb;
    private final String pastTense;

    TicketAction(String verb, String pastTense) {
        this.verb = verb;
        this.pastTense = pastTense;
    }

    /** "approve", as in "only support may approve". */
    public String verb() {
        return verb;
    }

    /** "approved", as in "cannot be approved" and in the history. */
    public String pastTense() {
        return pastTense;
    }
}
