package dev.slipway.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * TKT-4: one change of a ticket's state, with who did it (a user, or the fulfilling service),
 * when and why. Written once, never changed: the ticket's history.
 */
@Entity
@Table(name = "ticket_transition")
public class TicketTransition {

    @Id
    private UUID id;

    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", nullable = false)
    private TicketState from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    private TicketState to;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private Instant at;

    private String reason;

    /** Written by the database: the order of moves that share an instant. */
    @Column(insertable = false, updatable = false)
    private Long seq;

    /** The approval attempt the ticket was at after this move (0 before its first approval). */
    @Column(nullable = false)
    private int attempt;

    protected TicketTransition() {
    }

    TicketTransition(UUID ticketId, TicketAction action, TicketState from, TicketState to, String actor, Instant at, String reason, int attempt) {
        this.id = UUID.randomUUID();
        this.ticketId = ticketId;
        this.action = action;
        this.from = from;
        this.to = to;
        this.actor = actor;
        this.at = at;
        this.reason = reason;
        this.attempt = attempt;
    }

    public int attempt() {
        return attempt;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public TicketAction action() {
        return action;
    }

    public TicketState from() {
        return from;
    }

    public TicketState to() {
        return to;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    public String reason() {
        return reason;
    }
}
