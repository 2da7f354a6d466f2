package dev.slipway.deployment.messaging;

import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.deployment.service.EnvironmentRemovals;
import dev.slipway.events.EnvironmentType;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.DeploymentRequested;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.git.TierPushAccepted;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.Promotion;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.deployment.domain.TicketApproval;
import dev.slipway.events.ticket.TicketType;
import java.time.Instant;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;
import dev.slipway.platform.events.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The events deployment-service applies, each once, in the transaction that records it (EVT-3): the
 * triggers of DEP-1 only queue a deployment there; a worker runs it outside (STYLE: no long work in
 * an event handler's transaction).
 */
@ApplicationScoped
public class EventHandlers {

    private static final Logger LOG = Logger.getLogger(EventHandlers.class);
    private static final String SERVICE = "deployment-service";

    /** DEP-1: pushes, branch, merge, sync, activate, variable changes and redeploy, from environment-service; DEP-6: a tier's settings redeploy. */
    @Produces
    @Singleton
    EventHandler<DeploymentRequested> deploymentRequested(DeploymentQueue queue) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_REQUESTED, e -> {
            DeploymentRequested r = e.data();
            if (r.ticketId() != null) {
                // DEP-6: a tier's redeploy for an approved DEPLOYMENT_SETTINGS ticket, once per approval (TKT-5).
                int attempt = r.ticketAttempt() == null ? 1 : r.ticketAttempt();
                enqueue(queue, new DeploymentRequest(r.projectId(), r.environmentId(), r.branch(), r.commit(), r.trigger(),
                        "settings:" + r.ticketId() + ":" + attempt, null, null, new TicketApproval(r.ticketId(), attempt), r.requestedBy()));
                return;
            }
            enqueue(queue, new DeploymentRequest(r.projectId(), r.environmentId(), r.branch(), r.commit(), r.trigger(),
                    r.activityId() == null ? null : "activity:" + r.activityId(), r.dataFrom(), r.activityId(), null, r.requestedBy()));
        });
    }

    /**
     * DEP-1, DEP-6, TKT-5: an approved DEPLOY ticket deploys its commit (null: the source tier's last
     * success, resolved at VALIDATE); {@code includeData} copies the source tier's data first (DEP-7).
     * A retried ticket is approved again, so each approval event queues its own deployment, which
     * names the approval's attempt on every event (TKT-5). An approved DEPLOYMENT_SETTINGS ticket's
     * config digest is remembered for VALIDATE (CFG-3).
     */
    @Produces
    @Singleton
    EventHandler<TicketApproved> ticketApproved(DeploymentQueue queue, PromotionFacts facts) {
        return EventHandler.of(EventCatalog.TICKET_APPROVED, e -> {
            TicketApproved t = e.data();
            if (t.type() == TicketType.DEPLOYMENT_SETTINGS && t.approveConfigDigest() != null) {
                // CFG-3: environment-service fulfils the ticket; this service lets the digest deploy.
                facts.approve(t.projectId(), t.environmentId(), t.approveConfigDigest(), t.ticketId(), Instant.now());
            }
            if (!t.type().isFulfilledBy(SERVICE)) {
                return;
            }
            // DEP-7: the data comes from where the commit is promoted from (DEP-5): Integration master for Staging, Staging for Production.
            String dataFrom = Boolean.TRUE.equals(t.includeData())
                    ? Promotion.sourceOf(EnvironmentType.ofEnvironmentId(t.environmentId())).orElse(null) : null;
            // An approval without an attempt comes from a ticket-service that predates retries: its first.
            TicketApproval approval = new TicketApproval(t.ticketId(), t.attempt() == null ? 1 : t.attempt());
            // TKT-5: one deployment per approval, even if the approval were published twice under new event ids.
            String key = t.attempt() == null ? null : "ticket:" + t.ticketId() + ":" + t.attempt();
            enqueue(queue, new DeploymentRequest(t.projectId(), t.environmentId(), "master", t.commit(), DeploymentTrigger.TICKET, key,
                    dataFrom, null, approval, t.approvedBy()));
        });
    }

    /** SSH-5: a granted key pushed a commit to a tier remote. */
    @Produces
    @Singleton
    EventHandler<TierPushAccepted> tierPushAccepted(DeploymentQueue queue) {
        return EventHandler.of(EventCatalog.TIER_PUSH_ACCEPTED, e -> {
            TierPushAccepted p = e.data();
            enqueue(queue, new DeploymentRequest(p.projectId(), p.environmentId(), "master", p.commit(), DeploymentTrigger.TIER_PUSH,
                    "tier-push:" + p.pushId(), null, null, null, p.pushedBy()));
        });
    }

    /**
     * ENV-4, DEP-7: a deactivated environment stops serving; what waits or runs there is cancelled,
     * and its releases and data go once nothing of it runs.
     */
    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentDeactivated(DeploymentQueue queue, EnvironmentRemovals removals) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_DEACTIVATED, e -> environmentGone(e.data(), "deactivation", queue, removals));
    }

    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentDeleted(DeploymentQueue queue, EnvironmentRemovals removals) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_DELETED, e -> environmentGone(e.data(), "deletion", queue, removals));
    }

    private static void environmentGone(EnvironmentChanged change, String why, DeploymentQueue queue, EnvironmentRemovals removals) {
        queue.environmentGone(change.projectId(), change.environmentId(), why);
        removals.request(change.projectId(), change.environmentId());
    }

    /**
     * A trigger the environment cannot take (DEP-6) is logged and dropped, checked before anything is
     * written: retrying it cannot change the answer, and the inbox transaction must not roll back.
     */
    private static void enqueue(DeploymentQueue queue, DeploymentRequest request) {
        Optional<Refusal> refusal = Deployment.refusalOf(request);
        if (refusal.isPresent()) {
            LOG.warnf("Not queued: %s %s on %s/%s: %s %s", request.trigger(), request.commit(), request.projectId(), request.environmentId(),
                    refusal.get().rule(), refusal.get().detail());
            return;
        }
        queue.enqueue(request);
    }
}
