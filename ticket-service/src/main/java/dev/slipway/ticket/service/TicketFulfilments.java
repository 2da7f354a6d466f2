package dev.slipway.ticket.service;

import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.ticket.TicketFulfilled;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketAction;
import dev.slipway.ticket.domain.TicketRepository;
import dev.slipway.ticket.domain.TicketState;
import dev.slipway.ticket.domain.TicketTransition;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * TKT-5: the owning services' results move approved tickets, in the inbox transaction of the
 * result event (so a repeated event is applied once, EVT-3). A result takes the ticket to
 * IN_PROGRESS, then to RESOLVED or FAILED with its detail; one that answers an earlier attempt, or
 * arrives after the ticket moved on, changes nothing.
 */
@ApplicationScoped
public class TicketFulfilments {

    private static final Logger LOG = Logger.getLogger(TicketFulfilments.class);

    private final TicketRepository tickets;
    private final SealedValues sealedValues;

    public TicketFulfilments(TicketRepository tickets, SealedValues sealedValues) {
        this.tickets = tickets;
        this.sealedValues = sealedValues;
    }

    /** environment-service's or ssh-gateway's one answer: started and finished at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fulfilled(String service, TicketFulfilled result) {
        report(service, result.ticketId(), TicketAction.START, result.detail(), result.resultId(), result.attempt());
        report(service, result.ticketId(), result.success() ? TicketAction.RESOLVE : TicketAction.FAIL, result.detail(), result.resultId(),
                result.attempt());
    }

    /** deployment-service: queued or started is IN_PROGRESS; succeeded RESOLVED; failed or cancelled FAILED, with where and why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deployment(DeploymentStatusChanged deployment) {
        if (deployment.ticketId() == null) {
            return;
        }
        String id = deployment.deploymentId();
        Integer attempt = deployment.ticketAttempt();
        switch (deployment.state()) {
            case QUEUED, RUNNING -> report("deployment-service", deployment.ticketId(), TicketAction.START, "deployment " + id + " of commit "
                    + deployment.commit() + " on " + deployment.environmentId() + " is " + deployment.state().name().toLowerCase(), id, attempt);
            case SUCCEEDED -> {
                report("deployment-service", deployment.ticketId(), TicketAction.START, "deployment " + id + " started", id, attempt);
                report("deployment-service", deployment.ticketId(), TicketAction.RESOLVE, "deployment " + id + " of commit " + deployment.commit()
                        + " succeeded on " + deployment.environmentId(), id, attempt);
            }
            case FAILED, CANCELLED -> {
                report("deployment-service", deployment.ticketId(), TicketAction.START, "deployment " + id + " started", id, attempt);
                String where = deployment.phase() == null ? "" : " in " + deployment.phase();
                report("deployment-service", deployment.ticketId(), TicketAction.FAIL, "deployment " + id + " of commit " + deployment.commit()
                        + (deployment.state() == DeploymentState.FAILED ? " failed" + where : " was cancelled")
                        + (deployment.detail() == null ? "" : ": " + deployment.detail()), id, attempt);
            }
        }
    }

    private void report(String service, String ticketId, TicketAction action, String detail, String resultId, Integer attempt) {
        UUID id = DeploymentReadModel.ticketIdOf(ticketId);
        if (id == null) {
            LOG.warnf("A %s result names no ticket this service could have opened: %s", service, ticketId);
            return;
        }
        Optional<Ticket> found = tickets.findForDecision(id);
        if (found.isEmpty()) {
            LOG.warnf("A %s result for unknown ticket %s is ignored", service, ticketId);
            return;
        }
        Ticket ticket = found.get();
        if (!ticket.type().isFulfilledBy(service)) {
            // TKT-5: only the owning service answers; a DEPLOYMENT_SETTINGS ticket's redeploy names the ticket for its trail.
            LOG.debugf("%s reported on %s ticket %s, which %s does not fulfil: left to its own service", service, ticket.type(), ticketId, service);
            return;
        }
        Optional<TicketTransition> moved = ticket.fulfilment(service, action, detail, resultId, attempt, Instant.now());
        moved.ifPresent(tickets::record);
        if (moved.isPresent() && ticket.state() == TicketState.RESOLVED) {
            sealedValues.drop(ticket.id());
        }
    }
}
