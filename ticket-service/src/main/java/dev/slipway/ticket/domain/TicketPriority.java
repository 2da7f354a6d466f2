package dev.slipway.ticket.domain;

/** TKT-6: lists sort by priority (URGENT first), then age. */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
