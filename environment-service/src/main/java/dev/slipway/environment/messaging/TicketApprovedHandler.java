package dev.slipway.environment.messaging;

import dev.slipway.environment.service.TicketFulfilment;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** TKT-5: approved DEPLOYMENT_SETTINGS and GO_LIVE tickets are fulfilled here. */
@ApplicationScoped
public class TicketApprovedHandler implements EventHandler<TicketApproved> {

    private final TicketFulfilment fulfilment;

    public TicketApprovedHandler(TicketFulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    @Override
    public EventType<TicketApproved> eventType() {
        return EventCatalog.TICKET_APPROVED;
    }

    @Override
    public void handle(ReceivedEvent<TicketApproved> event) {
        fulfilment.approved(event.data());
    }
}
