package dev.slipway.ticket.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A support ticket (SPEC §5): a request to change Staging or Production (or a GENERAL question)
 * that support decides and the owning service fulfils. Its state moves only along TKT-3's table,
 * only by whom TKT-4 allows, and each move is a {@link TicketTransition} the caller stores in the
 * same transaction. A result of the fulfilling service that arrives again, or late, changes nothing.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

    /** The system actor of the fulfilment moves in the history: the service that reported them. */
    public static final String SERVICE_ACTOR_PREFIX = "service:";

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "environment_id", nullable = false)
    private String environmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketPriority priority;

    @Column(nullable = false)
    private String subject;

    private String description;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "first_response_at")
    private Instant firstResponseAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "result_detail")
    private String resultDetail;

    @Column(name = "result_id")
    private String resultId;

    @Convert(converter = TicketPayloadConverter.class)
    @Column(nullable = false)
    private TicketPayload payload;

    /** JSON of the last preview (what approval would change), computed by the service layer. */
    private String preview;

    @Column(name = "preview_at")
    private Instant previewAt;

    /** TKT-3, TKT-5: how many times it was approved; a retry is a new attempt, and results must name the current one. */
    @Column(nullable = false)
    private int attempt;

    @Version
    private long version;

    protected Ticket() {
    }

    /** TKT-2: which environments a ticket of {@code type} may target, as a refusal when it may not. */
    public static Optional<Refusal> refusalOf(TicketType type, EnvironmentType target) {
        if (type.mayTarget(target)) {
            return Optional.empty();
        }
        return target.isSelfService()
                ? Refusal.of("TKT-2", 422, "self-service-environment", "Integration environments are self-service: " + type
                        + " tickets target Staging or Production.")
                : Refusal.of("TKT-2", 422, "production-only", type + " tickets target Production only.");
    }

    /** TKT-1, TKT-2, TKT-4: {@code requester} opens a ticket; it starts OPEN. */
    public static Ticket open(String projectId, String environmentId, TicketType type, TicketPriority priority, String subject,
            String description, TicketPayload payload, Actor requester, Instant now) {
        Refusal.raise(refusalOf(type, EnvironmentType.ofEnvironmentId(environmentId)));
        Refusal.raise(TicketPermissions.open(requester));
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.projectId = projectId;
        ticket.environmentId = environmentId;
        ticket.type = type;
        ticket.state = TicketState.OPEN;
        ticket.priority = priority == null ? TicketPriority.NORMAL : priority;
        ticket.subject = subject;
        ticket.description = description;
        ticket.requestedBy = requester.userId();
        ticket.payload = payload == null ? TicketPayload.NONE : payload;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticket;
    }

    /**
     * Why {@code actor} cannot take {@code action} on this ticket now: TKT-4 (who) before TKT-3 (the
     * state), as {@link #decide} checks them; views show it beside the button it disables.
     */
    public Optional<Refusal> refusalOf(Actor actor, TicketAction action) {
        return TicketPermissions.act(actor, action, requestedBy).or(() -> state.decisionRefusal(action, type));
    }

    /**
     * TKT-3, TKT-4: a person approves, rejects (a reason is required), cancels, retries or (a
     * GENERAL ticket) resolves it. Support's first decision is the first response (TKT-6).
     */
    public TicketTransition decide(Actor actor, TicketAction action, String reason, Instant now) {
        Refusal.raise(refusalOf(actor, action));
        TicketState next = state.require(action, type);
        if (action == TicketAction.REJECT && (reason == null || reason.isBlank())) {
            throw new DomainException("TKT-4", 422, "reason-required", "A rejection needs a reason the requester can read.");
        }
        if (actor.support()) {
            respondedAt(now);
        }
        if (next == TicketState.APPROVED) {
            // A retry is a new attempt: what the earlier one left is no longer the result.
            attempt++;
            resultDetail = null;
            resultId = null;
        }
        return move(action, next, actor.userId(), reason, now);
    }

    /** TKT-6: a comment of support counts as the first response. */
    public void commentedBy(Actor actor, Instant now) {
        Refusal.raise(TicketPermissions.comment(actor));
        if (actor.support() && !actor.userId().equals(requestedBy)) {
            respondedAt(now);
        }
        updatedAt = now;
    }

    /**
     * TKT-5: the fulfilling service reports {@code action} (START, RESOLVE or FAIL) with its
     * detail and the id of what it made (a deployment, a grant), answering approval {@code attempt}
     * (null from an older producer: the first). Empty when the ticket is past that point already, or
     * the report answers an earlier attempt: a repeated or late report moves it neither twice nor
     * backwards.
     */
    public Optional<TicketTransition> fulfilment(String service, TicketAction action, String detail, String resultId, Integer attempt,
            Instant now) {
        if (action != TicketAction.START && action != TicketAction.RESOLVE && action != TicketAction.FAIL) {
            throw new IllegalArgumentException("A service reports START, RESOLVE or FAIL, not " + action);
        }
        if (state != TicketState.APPROVED && state != TicketState.IN_PROGRESS) {
            return Optional.empty();
        }
        if ((attempt == null ? 1 : attempt) != this.attempt) {
            return Optional.empty();
        }
        Optional<TicketState> next = state.after(action, type);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        if (resultId != null) {
            this.resultId = resultId;
        }
        if (action != TicketAction.START) {
            resultDetail = detail;
        }
        return Optional.of(move(action, next.get(), SERVICE_ACTOR_PREFIX + service, detail, now));
    }

    private TicketTransition move(TicketAction action, TicketState next, String actor, String reason, Instant now) {
        TicketTransition transition = new TicketTransition(id, action, state, next, actor, now, reason, attempt);
        state = next;
        updatedAt = now;
        if (next == TicketState.RESOLVED) {
            resolvedAt = now;
        }
        return transition;
    }

    private void respondedAt(Instant now) {
        if (firstResponseAt == null) {
            firstResponseAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String environmentId() {
        return environmentId;
    }

    public TicketType type() {
        return type;
    }

    public TicketState state() {
        return state;
    }

    public TicketPriority priority() {
        return priority;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant firstResponseAt() {
        return firstResponseAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resultDetail() {
        return resultDetail;
    }

    public String resultId() {
        return resultId;
    }

    public TicketPayload payload() {
        return payload;
    }

    public int attempt() {
        return attempt;
    }

    public String preview() {
        return preview;
    }

    public Instant previewAt() {
        return previewAt;
    }

    /** The preview as of {@code at}, while the ticket is undecided; a decided ticket keeps the one its decider saw. */
    public void previewed(String preview, Instant at) {
        if (state == TicketState.OPEN || this.preview == null) {
            this.preview = preview;
            this.previewAt = at;
        }
    }

    /** Touched by a change that is not a transition (a comment), so its ETag moves. */
    public void touched(Instant now) {
        updatedAt = now;
    }

    public long version() {
        return version;
    }
}
