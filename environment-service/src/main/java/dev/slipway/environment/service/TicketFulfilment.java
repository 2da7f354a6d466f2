package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.Variable;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.environment.TicketFulfilled;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fulfils the approved tickets environment-service owns (TKT-5): DEPLOYMENT_SETTINGS writes the
 * variables and approved config digest of Staging or Production (ENV-5, VAR-4, CFG-3); GO_LIVE sets
 * Production's live domains (ENV-7). Either all of a ticket's changes apply or none; the answer
 * carries the ticket id. The inbox makes a repeated approval apply once.
 */
@ApplicationScoped
public class TicketFulfilment {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private final EntityManager entityManager;
    private final dev.slipway.platform.events.EventPublisher events;

    public TicketFulfilment(EntityManager entityManager, dev.slipway.platform.events.EventPublisher events) {
        this.entityManager = entityManager;
        this.events = events;
    }

    /** Applies the ticket if it is one of ours; otherwise leaves it to its owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(TicketApproved ticket) {
        if (!"DEPLOYMENT_SETTINGS".equals(ticket.type()) && !"GO_LIVE".equals(ticket.type())) {
            return;
        }
        Environment environment = entityManager.find(Environment.class, new Environment.Key(ticket.projectId(), ticket.environmentId()));
        String detail;
        boolean success;
        try {
            if (environment == null) {
                throw new IllegalArgumentException("project " + ticket.projectId() + " has no environment " + ticket.environmentId());
            }
            detail = "GO_LIVE".equals(ticket.type()) ? goLive(environment, ticket) : settings(environment, ticket);
            success = true;
        } catch (IllegalArgumentException | ProblemException e) {
            // The ticket's content cannot apply: nothing of it is written; the ticket shows why.
            entityManager.clear();
            detail = e.getMessage();
            success = false;
        }
        events.publish(EventCatalog.ENVIRONMENT_TICKET_FULFILLED, ticket.projectId(), "tickets/" + ticket.ticketId(),
                new TicketFulfilled(ticket.ticketId(), ticket.projectId(), ticket.environmentId(), ticket.type(), success, detail));
    }

    private String goLive(Environment environment, TicketApproved ticket) {
        List<String> domains = ticket.domains() == null ? List.of() : ticket.domains().stream().map(String::strip).toList();
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("GO_LIVE needs at least one domain");
        }
        for (String domain : domains) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("'" + domain + "' is not a domain name");
            }
        }
        environment.goLive(domains, Instant.now());
        return "live on " + String.join(", ", domains);
    }

    private String settings(Environment environment, TicketApproved ticket) {
        if (environment.type() == dev.slipway.environment.domain.EnvironmentType.INTEGRATION) {
            throw new IllegalArgumentException("Integration environments are self-service");
        }
        List<String> done = new ArrayList<>();
        Instant now = Instant.now();
        for (TicketApproved.VariableChange change : ticket.variables() == null ? List.<TicketApproved.VariableChange>of() : ticket.variables()) {
            Variable.Key key = new Variable.Key(environment.projectId(), environment.id(), change.name() == null ? "" : change.name());
            Optional<Variable> existing = Optional.ofNullable(entityManager.find(Variable.class, key));
            if ("DELETE".equals(change.action())) {
                existing.ifPresent(entityManager::remove);
                done.add("deleted " + change.name());
                continue;
            }
            if (Boolean.TRUE.equals(change.sensitive()) || existing.map(Variable::sensitive).orElse(false)) {
                throw new IllegalArgumentException("sensitive variable " + change.name()
                        + " cannot be set through a ticket yet: its value may not travel in events (SEC-3)");
            }
            Variable.Settings settings = new Variable.Settings(change.value(), change.json(), change.sensitive(), change.inheritable(),
                    change.visibleBuild(), change.visibleRuntime(), change.enabled());
            if (existing.isPresent()) {
                existing.get().apply(settings, now);
            } else {
                entityManager.persist(Variable.create(environment.projectId(), environment.id(), change.name(), settings, now));
            }
            done.add("set " + change.name());
        }
        if (ticket.approveConfigDigest() != null) {
            if (!DIGEST.matcher(ticket.approveConfigDigest()).matches()) {
                throw new IllegalArgumentException("approveConfigDigest is not a SHA-256 hex digest");
            }
            environment.approveConfigDigest(ticket.approveConfigDigest(), now);
            done.add("approved configuration " + ticket.approveConfigDigest());
        }
        if (done.isEmpty()) {
            throw new IllegalArgumentException("the ticket changes nothing");
        }
        entityManager.flush();
        return String.join("; ", done) + " on " + environment.id() + " (takes effect at its next deployment)";
    }
}
