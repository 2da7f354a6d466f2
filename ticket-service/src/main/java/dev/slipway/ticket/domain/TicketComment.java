package dev.slipway.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** TKT-4: a comment on a ticket by a project member or support; written once. */
@Entity
@Table(name = "ticket_comment")
public class TicketComment {

    @Id
    private UUID id;

    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(nullable = false)
    private String author;

    @Column(nullable = false)
    private boolean support;

    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private Instant at;

    protected TicketComment() {
    }

    public TicketComment(UUID ticketId, String author, boolean support, String body, Instant at) {
        this.id = UUID.randomUUID();
        this.ticketId = ticketId;
        this.author = author;
        this.support = support;
        this.body = body;
        this.at = at;
    }

    public UUID id() {
        return id;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public String author() {
        return author;
    }

    public boolean support() {
        return support;
    }

    public String body() {
        return body;
    }

    public Instant at() {
        return at;
    }
}
