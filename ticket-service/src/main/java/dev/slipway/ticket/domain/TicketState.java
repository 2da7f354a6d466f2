package dev.slipway.ticket.domain;

import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;

/**
 * TKT-3: OPEN -> APPROVED | REJECTED | CANCELLED; APPROVED -> IN_PROGRESS -> RESOLVED | FAILED;
 * FAILED -> APPROVED (retry). A GENERAL ticket has nothing to fulfil: OPEN -> RESOLVED by support
 * (or REJECTED, CANCELLED). This type owns the table; any other transition is 409 naming the state.
 */
public enum TicketState {
    OPEN, APPROVED, IN_PROGRESS, RESOLVED, FAILED, REJECTED, CANCELLED;

    /** Where {@code action} takes a ticket of {@code type} in this state; empty when TKT-3 does not allow it. */
    public Optional<TicketState> after(TicketAction action, TicketType type) {
        boolean fulfilled = type != TicketType.GENERAL;
        if (!fulfilled && this != OPEN) {
            return Optional.empty(); // a GENERAL ticket never reaches fulfilment's states
        }
        TicketState next = switch (this) {
            case OPEN -> switch (action) {
                case APPROVE -> fulfilled ? APPROVED : null;
                case REJECT -> REJECTED;
                case CANCEL -> CANCELLED;
                case RESOLVE -> fulfilled ? null : RESOLVED;
                default -> null;
            };
            case APPROVED -> switch (action) {
                case START -> IN_PROGRESS;
                // A result may arrive without a separate start: it passes IN_PROGRESS on the way.
                case RESOLVE -> RESOLVED;
                case FAIL -> FAILED;
                default -> null;
            };
            case IN_PROGRESS -> switch (action) {
                case RESOLVE -> RESOLVED;
                case FAIL -> FAILED;
                default -> null;
            };
            case FAILED -> action == TicketAction.RETRY ? APPROVED : null;
            case RESOLVED, REJECTED, CANCELLED -> null;
        };
        return Optional.ofNullable(next);
    }

    /** {@link #after}, or the 409 that names this state. */
    public TicketState require(TicketAction action, TicketType type) {
        return after(action, type).orElseThrow(() -> refusal(action, type).orElseThrow().exception());
    }

    /**
     * TKT-3 for a person's decision: as {@link #refusal}, except that only a GENERAL ticket is resolved
     * by hand; the others are resolved by their fulfilment (TKT-5), whatever their state.
     */
    public Optional<Refusal> decisionRefusal(TicketAction action, TicketType type) {
        if (action == TicketAction.RESOLVE && type != TicketType.GENERAL) {
            return Refusal.of("TKT-3", 409, "invalid-ticket-state", "This " + type + " ticket is " + this
                    + ": it is resolved by its fulfilment (TKT-5), not by hand.");
        }
        return refusal(action, type);
    }

    /** TKT-3 as a value: why a ticket of {@code type} in this state cannot take {@code action}. */
    public Optional<Refusal> refusal(TicketAction action, TicketType type) {
        return after(action, type).isPresent() ? Optional.empty() : Refusal.of("TKT-3", 409, "invalid-ticket-state",
                "This " + type + " ticket is " + this + ": it cannot be " + action.pastTense() + ".");
    }

    /** Whether nothing can change it any more (a FAILED one can still be retried). */
    public boolean isFinal() {
        return this == RESOLVED || this == REJECTED || this == CANCELLED;
    }
}
