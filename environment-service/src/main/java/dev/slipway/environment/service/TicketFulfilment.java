package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.PendingSettingsTickets;
import dev.slipway.environment.domain.SensitiveValues;
import dev.slipway.environment.domain.TicketApprovals;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fulfils the approved tickets environment-service owns (TKT-5): DEPLOYMENT_SETTINGS writes the
 * variables and approved config digest of Staging or Production ({@link DeploymentSettings}); GO_LIVE
 * sets Production's live domains (ENV-7). The answer carries the ticket id and attempt. A repeated
 * approval applies once: the inbox skips an event delivered again, {@link TicketApprovals} an
 * approval published again under a new id (which could otherwise undo a later ticket).
 *
 * <p>SEC-3: a DEPLOYMENT_SETTINGS ticket that sets a sensitive variable cannot apply with its
 * approval event, which carries no sensitive value, and ticket-service is not called inside the
 * event's transaction: the ticket is recorded as pending ({@link PendingSettingsTickets}) and
 * {@link SensitiveSettingsWorker} applies it once it has read the values.
 */
@ApplicationScoped
public class TicketFulfilment {

    private static final String SERVICE = "environment-service";

    private final EnvironmentRepository environments;
    private final DeploymentSettings settings;
    private final PendingSettingsTickets pending;
    private final TicketApprovals approvals;
    private final EnvironmentEvents events;

    public TicketFulfilment(EnvironmentRepository environments, DeploymentSettings settings, PendingSettingsTickets pending,
            TicketApprovals approvals, EnvironmentEvents events) {
        this.environments = environments;
        this.settings = settings;
        this.pending = pending;
        this.approvals = approvals;
        this.events = events;
    }

    /** Applies the ticket if it is one of ours (or records it to apply once its sensitive values are read); otherwise leaves it to its owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(TicketApproved ticket) {
        if (!ticket.type().isFulfilledBy(SERVICE) || !approvals.recordFirst(ticket)) {
            return;
        }
        Optional<Environment> target = target(ticket);
        if (target.isEmpty()) {
            return;
        }
        Environment environment = target.get();
        if (ticket.type() == TicketType.GO_LIVE) {
            goLive(environment, ticket);
        } else if (settings.needSensitiveValues(environment, ticket)) {
            pending.record(ticket);
        } else {
            answer(ticket, settings.fulfil(environment, ticket, SensitiveValues.none()));
        }
    }

    /** A pending DEPLOYMENT_SETTINGS ticket with the sensitive values ticket-service served: every change checked again, then applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approvedWithValues(TicketApproved ticket, SensitiveValues values) {
        target(ticket).ifPresent(environment -> answer(ticket, settings.fulfil(environment, ticket, values)));
    }

    /** A pending ticket whose values cannot be read (ticket-service does not know it, or no longer fulfils this attempt): nothing changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void valuesRefused(TicketApproved ticket, String detail) {
        events.ticketFulfilled(ticket, false, detail);
    }

    /** The ticket's environment, or empty once the ticket is answered as failed. */
    private Optional<Environment> target(TicketApproved ticket) {
        Optional<Environment> target = environments.find(ticket.projectId(), ticket.environmentId());
        if (target.isEmpty()) {
            events.ticketFulfilled(ticket, false, "project " + ticket.projectId() + " has no environment " + ticket.environmentId());
        }
        return target;
    }

    private void goLive(Environment environment, TicketApproved ticket) {
        Optional<Refusal> refusal = environment.goLiveRefusal(ticket.domains());
        if (refusal.isPresent()) {
            events.ticketFulfilled(ticket, false, refusal.get().detail());
            return;
        }
        List<String> domains = ticket.domains();
        environment.goLive(domains, Instant.now());
        events.ticketFulfilled(ticket, true, "live on " + String.join(", ", domains.stream().map(String::strip).toList()));
    }

    private void answer(TicketApproved ticket, DeploymentSettings.Outcome outcome) {
        events.ticketFulfilled(ticket, outcome.success(), outcome.detail());
    }
}
