package dev.slipway.ticket.domain;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;

/**
 * TKT-4: project members from contributor up open tickets; only support approves, rejects,
 * retries and resolves a GENERAL ticket, and never on a ticket they opened themselves; the
 * requester cancels while it is OPEN; members and support comment. A decision of the owning
 * services (START, RESOLVE, FAIL from their result events) is not a person's and is not checked here.
 *
 * <p>Who is asking: their role in the project (null when not a member), whether they hold the
 * support group, and whether they opened the ticket. Someone who may not even read the project's
 * tickets gets 404 from the API before any of this (SEC-2), so these refusals are 403s.
 */
public final class TicketPermissions {

    /** The caller as TKT-4 sees them. */
    public record Actor(String userId, ProjectRole role, boolean support) {

        public boolean isMember() {
            return role != null;
        }

        /** SEC-2: members and support read a project's tickets; anyone else does not learn they exist. */
        public boolean mayRead() {
            return isMember() || support;
        }
    }

    private TicketPermissions() {
    }

    /** TKT-4: who may open a ticket on a project. */
    public static Optional<Refusal> open(Actor actor) {
        if (actor.isMember() && actor.role().includes(ProjectRole.CONTRIBUTOR)) {
            return Optional.empty();
        }
        return Refusal.of("TKT-4", 403, "forbidden", "Opening a ticket takes the contributor role in the project.");
    }

    /** TKT-4: who may comment: members and support. */
    public static Optional<Refusal> comment(Actor actor) {
        return actor.mayRead() ? Optional.empty() : Refusal.of("TKT-4", 403, "forbidden", "Only project members and support comment on tickets.");
    }

    /** TKT-4: who may take {@code action} on a ticket opened by {@code requester}. */
    public static Optional<Refusal> act(Actor actor, TicketAction action, String requester) {
        boolean own = actor.userId().equals(requester);
        return switch (action) {
            case APPROVE, REJECT, RETRY, RESOLVE -> {
                if (!actor.support()) {
                    yield Refusal.of("TKT-4", 403, "support-only", "Only support may " + action.verb() + " a ticket.");
                }
                yield own ? Refusal.of("TKT-4", 403, "own-ticket", "Support never decides a ticket they opened themselves: another "
                        + "support member must.") : Optional.empty();
            }
            case CANCEL -> own ? Optional.empty() : Refusal.of("TKT-4", 403, "requester-only", "Only the requester cancels a ticket.");
            case START, FAIL -> Refusal.of("TKT-4", 403, "service-only", "Only the service fulfilling a ticket reports its progress.");
        };
    }
}
