package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.SensitiveValues;
import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.domain.VariableChanges;
import dev.slipway.environment.domain.VariableRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketApproved.VariableChange;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An approved DEPLOYMENT_SETTINGS ticket on Staging or Production (ENV-5, VAR-4, CFG-3): its
 * variable changes and approved config digest, all checked against what exists now before any
 * applies; changed variables redeploy the tier's running commit. The same checks and writes serve a ticket applied with its approval event and one
 * applied later with the sensitive values read from ticket-service (SEC-3). The outcome's detail
 * names variables, never values.
 */
@ApplicationScoped
public class DeploymentSettings {

    /** What became of the ticket: {@code detail} is for its history (TKT-5). */
    public record Outcome(boolean success, String detail) {
    }

    private final VariableRepository variables;
    private final EnvironmentEvents events;

    public DeploymentSettings(VariableRepository variables, EnvironmentEvents events) {
        this.variables = variables;
        this.events = events;
    }

    /** Whether the ticket sets a sensitive variable whose value is with ticket-service (SEC-3); never for a ticket refused anyway (TKT-2). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean needSensitiveValues(Environment environment, TicketApproved ticket) {
        return !environment.type().isSelfService() && changesOf(environment, ticket).needSensitiveValues();
    }

    /** Applies every change with {@code values}, or none and says why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome fulfil(Environment environment, TicketApproved ticket, SensitiveValues values) {
        VariableChanges changes = changesOf(environment, ticket);
        Optional<Refusal> refusal = refusal(environment, ticket, changes, values);
        if (refusal.isPresent()) {
            return new Outcome(false, refusal.get().detail());
        }
        return new Outcome(true, apply(environment, ticket, changes, values));
    }

    private VariableChanges changesOf(Environment environment, TicketApproved ticket) {
        return new VariableChanges(ticket.variables(), variables.atLevel(environment.projectId(), environment.id()));
    }

    /** Why the ticket cannot apply, checking every change against what exists now. */
    private static Optional<Refusal> refusal(Environment environment, TicketApproved ticket, VariableChanges changes, SensitiveValues values) {
        if (environment.type().isSelfService()) {
            return Refusal.of("TKT-2", 422, "self-service", "Integration environments are self-service");
        }
        if (changes.isEmpty() && ticket.approveConfigDigest() == null) {
            return Refusal.of("TKT-1", 422, "empty-ticket", "the ticket changes nothing");
        }
        Optional<Refusal> refusal = changes.refusal(values);
        if (refusal.isPresent()) {
            return refusal;
        }
        return ticket.approveConfigDigest() == null ? Optional.empty() : environment.configApprovalRefusal(ticket.approveConfigDigest());
    }

    private String apply(Environment environment, TicketApproved ticket, VariableChanges changes, SensitiveValues values) {
        List<String> done = new ArrayList<>();
        Instant now = Instant.now();
        for (VariableChange change : changes.changes()) {
            Optional<Variable> existing = changes.current(change.name());
            switch (change.action()) {
                case DELETE -> {
                    existing.ifPresent(variables::delete);
                    done.add("deleted " + change.name());
                }
                case SET -> {
                    Variable.Settings settings = VariableChanges.settings(change, values);
                    if (existing.isPresent()) {
                        existing.get().apply(settings, now);
                    } else {
                        variables.persist(Variable.create(environment.projectId(), environment.id(), change.name(), settings, now));
                    }
                    done.add("set " + change.name());
                }
            }
        }
        if (ticket.approveConfigDigest() != null) {
            environment.approveConfigDigest(ticket.approveConfigDigest(), now);
            done.add("approved configuration " + ticket.approveConfigDigest());
        }
        // VAR-4, DEP-6: changed variables reach a tier that runs a commit by redeploying that commit, as this ticket's deployment.
        if (!changes.isEmpty() && environment.deployedCommit() != null) {
            events.tierRedeployRequested(environment, ticket);
            return String.join("; ", done) + " on " + environment.id() + "; it redeploys commit " + environment.deployedCommit();
        }
        return String.join("; ", done) + " on " + environment.id() + " (takes effect at its next deployment)";
    }
}
