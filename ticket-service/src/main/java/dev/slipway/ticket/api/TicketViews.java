package dev.slipway.ticket.api;

import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.api.NextAction;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketAction;
import dev.slipway.ticket.domain.TicketComment;
import dev.slipway.ticket.domain.TicketPayload;
import dev.slipway.ticket.domain.TicketPermissions;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import dev.slipway.ticket.domain.TicketPriority;
import dev.slipway.ticket.domain.TicketState;
import dev.slipway.ticket.domain.TicketTransition;
import dev.slipway.ticket.readmodel.AccessReadModel;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import dev.slipway.ticket.service.TicketPreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the tickets API answers; never an entity (STYLE). */
public final class TicketViews {

    private TicketViews() {
    }

    /** The actions a person may take on a ticket; {@code allowedActions} lists those the caller may take now. */
    public enum Allowed {
        APPROVE, REJECT, CANCEL, RETRY, RESOLVE, COMMENT
    }

    /** A ticket in a list (TKT-6): no history, payload or preview. */
    public record Summary(String id, String projectId, String environmentId, TicketType type, TicketState state, TicketPriority priority,
            String subject, String requestedBy, Instant createdAt, Instant updatedAt,
            @Schema(nullable = true) Instant firstResponseAt, @Schema(nullable = true) Instant resolvedAt) {

        static Summary of(Ticket t) {
            return new Summary(t.id().toString(), t.projectId(), t.environmentId(), t.type(), t.state(), t.priority(), t.subject(), t.requestedBy(),
                    t.createdAt(), t.updatedAt(), t.firstResponseAt(), t.resolvedAt());
        }
    }

    /**
     * A ticket whole: its payload (never a sensitive value), the preview of what approval changes,
     * its history and comments, the result and trail of its fulfilment, the SLA times (TKT-6) and
     * what the caller may do next.
     */
    public record Detail(String id, String projectId, String environmentId, TicketType type, TicketState state, TicketPriority priority,
            String subject, @Schema(nullable = true) String description, String requestedBy, Instant createdAt, Instant updatedAt,
            @Schema(nullable = true) Instant firstResponseAt, @Schema(nullable = true) Instant resolvedAt,
            @Schema(description = "Approvals so far: 1 after the first, one more per retry") int attempt,
            TicketPayload payload, @Schema(nullable = true) TicketPreview preview, @Schema(nullable = true) Result result,
            List<Transition> history, List<Comment> comments, Trail trail,
            @Schema(description = "The actions the caller may take now") List<Allowed> allowedActions,
            @Schema(description = "Every action (approve, reject, cancel, retry, resolve, comment), allowed or refused with the problem "
                    + "its endpoint would answer now (TKT-3, TKT-4), for a button disabled with its reason") List<NextAction> actions) {
    }

    /** TKT-5: what the fulfilling service reported last: the detail and the id of what it made. */
    public record Result(@Schema(nullable = true) String detail, @Schema(nullable = true) String resultId) {
    }

    /** TKT-4: one move, with who made it, when and why. */
    public record Transition(TicketAction action, TicketState from, TicketState to, String actor, Instant at, @Schema(nullable = true) String reason,
            int attempt) {

        static Transition of(TicketTransition t) {
            return new Transition(t.action(), t.from(), t.to(), t.actor(), t.at(), t.reason(), t.attempt());
        }
    }

    public record Comment(String id, String author, boolean support, String body, Instant at) {

        static Comment of(TicketComment c) {
            return new Comment(c.id().toString(), c.author(), c.support(), c.body(), c.at());
        }
    }

    /** What approval caused: the deployments with their steps, or the grants with the SSH sessions they let in. */
    public record Trail(List<DeploymentReadModel.TicketDeployment> deployments, List<AccessReadModel.TicketGrant> grants) {
    }

    static Detail of(Ticket t, TicketPreview preview, List<TicketTransition> history, List<TicketComment> comments, Trail trail, Actor caller) {
        Result result = t.resultDetail() == null && t.resultId() == null ? null : new Result(t.resultDetail(), t.resultId());
        return new Detail(t.id().toString(), t.projectId(), t.environmentId(), t.type(), t.state(), t.priority(), t.subject(), t.description(),
                t.requestedBy(), t.createdAt(), t.updatedAt(), t.firstResponseAt(), t.resolvedAt(), t.attempt(), t.payload(), preview, result,
                history.stream().map(Transition::of).toList(), comments.stream().map(Comment::of).toList(), trail, allowed(t, caller),
                actions(t, caller));
    }

    /** The decisions TKT-3 and TKT-4 let {@code caller} take now, so a screen offers only those. */
    static List<Allowed> allowed(Ticket t, Actor caller) {
        return actions(t, caller).stream().filter(NextAction::allowed).map(action -> Allowed.valueOf(action.name().toUpperCase(Locale.ROOT))).toList();
    }

    /** Each action with TKT-4's and TKT-3's refusal, in the order the endpoints check them; none for a caller who is no person. */
    static List<NextAction> actions(Ticket t, Actor caller) {
        if (caller == null) {
            return List.of();
        }
        List<NextAction> actions = new ArrayList<>();
        for (Allowed candidate : List.of(Allowed.APPROVE, Allowed.REJECT, Allowed.CANCEL, Allowed.RETRY, Allowed.RESOLVE)) {
            actions.add(NextAction.of(candidate.name().toLowerCase(Locale.ROOT), t.refusalOf(caller, TicketAction.valueOf(candidate.name()))));
        }
        actions.add(NextAction.of("comment", TicketPermissions.comment(caller)));
        return actions;
    }
}
