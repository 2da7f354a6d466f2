package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.domain.VariableRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketApproved.VariableChange;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fulfils the approved tickets environment-service owns (TKT-5): DEPLOYMENT_SETTINGS writes the
 * variables and approved config digest of Staging or Production (ENV-5, VAR-4, CFG-3); GO_LIVE sets
 * Production's live domains (ENV-7). Every change of a ticket is checked before any is applied, so
 * either all apply or none; the answer carries the ticket id. The inbox makes a repeated approval
 * apply once.
 */
@ApplicationScoped
public class TicketFulfilment {

    private static final String SERVICE = "environment-service";

    private final EnvironmentRepository environments;
    private final VariableRepository variables;
    private final EnvironmentEvents events;

    public TicketFulfilment(EnvironmentRepository environments, VariableRepository variables, EnvironmentEvents events) {
        this.environments = environments;
        this.variables = variables;
        this.events = events;
    }

    /** Applies the ticket if it is one of ours; otherwise leaves it to its owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(TicketApproved ticket) {
        if (!ticket.type().isFulfilledBy(SERVICE)) {
            return;
        }
        Optional<Environment> target = environments.find(ticket.projectId(), ticket.environmentId());
        if (target.isEmpty()) {
            events.ticketFulfilled(ticket, false, "project " + ticket.projectId() + " has no environment " + ticket.environmentId());
            return;
        }
        Environment environment = target.get();
        Optional<Refusal> refusal = switch (ticket.type()) {
            case GO_LIVE -> environment.goLiveRefusal(ticket.domains());
            default -> settingsRefusal(environment, ticket);
        };
        if (refusal.isPresent()) {
            events.ticketFulfilled(ticket, false, refusal.get().detail());
            return;
        }
        String detail = switch (ticket.type()) {
            case GO_LIVE -> goLive(environment, ticket.domains());
            default -> applySettings(environment, ticket);
        };
        events.ticketFulfilled(ticket, true, detail);
    }

    private static String goLive(Environment environment, List<String> domains) {
        environment.goLive(domains, Instant.now());
        return "live on " + String.join(", ", domains.stream().map(String::strip).toList());
    }

    /** Why the DEPLOYMENT_SETTINGS ticket cannot apply, checking every change against what exists now. */
    private Optional<Refusal> settingsRefusal(Environment environment, TicketApproved ticket) {
        if (environment.type().isSelfService()) {
            return Refusal.of("TKT-2", 422, "self-service", "Integration environments are self-service");
        }
        List<VariableChange> changes = ticket.variables() == null ? List.of() : ticket.variables();
        if (changes.isEmpty() && ticket.approveConfigDigest() == null) {
            return Refusal.of("TKT-1", 422, "empty-ticket", "the ticket changes nothing");
        }
        Set<String> names = new HashSet<>();
        for (VariableChange change : changes) {
            if (change.name() == null || !names.add(change.name()) || change.action() == null) {
                return Refusal.of("TKT-1", 422, "invalid-change", "each change names one variable, once, with an action SET or DELETE: "
                        + change.name());
            }
            if (change.action() == VariableChange.Action.DELETE) {
                continue;
            }
            Optional<Variable> existing = variables.find(environment.projectId(), environment.id(), change.name());
            if (Boolean.TRUE.equals(change.sensitive()) || existing.map(Variable::sensitive).orElse(false)) {
                return Refusal.of("SEC-3", 422, "sensitive-through-ticket", "sensitive variable " + change.name()
                        + " cannot be set through a ticket yet: its value may not travel in events (SEC-3)");
            }
            Optional<Refusal> refusal = existing.isPresent() ? existing.get().changeRefusal(settings(change))
                    : Variable.creationRefusal(change.name(), settings(change));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return ticket.approveConfigDigest() == null ? Optional.empty() : environment.configApprovalRefusal(ticket.approveConfigDigest());
    }

    private String applySettings(Environment environment, TicketApproved ticket) {
        List<String> done = new ArrayList<>();
        Instant now = Instant.now();
        for (VariableChange change : ticket.variables() == null ? List.<VariableChange>of() : ticket.variables()) {
            Optional<Variable> existing = variables.find(environment.projectId(), environment.id(), change.name());
            switch (change.action()) {
                case DELETE -> {
                    existing.ifPresent(variables::delete);
                    done.add("deleted " + change.name());
                }
                case SET -> {
                    if (existing.isPresent()) {
                        existing.get().apply(settings(change), now);
                    } else {
                        variables.persist(Variable.create(environment.projectId(), environment.id(), change.name(), settings(change), now));
                    }
                    done.add("set " + change.name());
                }
            }
        }
        if (ticket.approveConfigDigest() != null) {
            environment.approveConfigDigest(ticket.approveConfigDigest(), now);
            done.add("approved configuration " + ticket.approveConfigDigest());
        }
        return String.join("; ", done) + " on " + environment.id() + " (takes effect at its next deployment)";
    }

    private static Variable.Settings settings(VariableChange change) {
        return new Variable.Settings(change.value(), change.json(), change.sensitive(), change.inheritable(), change.visibleBuild(),
                change.visibleRuntime(), change.enabled());
    }
}
