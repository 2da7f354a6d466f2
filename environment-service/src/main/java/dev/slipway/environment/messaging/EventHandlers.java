package dev.slipway.environment.messaging;

import dev.slipway.environment.service.DeploymentReactions;
import dev.slipway.environment.service.GitHostReactions;
import dev.slipway.environment.service.PushReactions;
import dev.slipway.environment.service.TicketFulfilment;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import dev.slipway.events.git.RefUpdated;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.platform.events.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The events environment-service applies, each once, in the transaction that records it (EVT-3). */
@ApplicationScoped
public class EventHandlers {

    /** The git host did its part of an operation (SSH-4, ENV-4). */
    @Produces
    @Singleton
    EventHandler<GitOperationCompleted> gitOperationCompleted(GitHostReactions git) {
        return EventHandler.of(EventCatalog.GIT_OPERATION_COMPLETED, e -> git.completed(e.data()));
    }

    /** The git host could not; conflicts go to the activity log. */
    @Produces
    @Singleton
    EventHandler<GitOperationFailed> gitOperationFailed(GitHostReactions git) {
        return EventHandler.of(EventCatalog.GIT_OPERATION_FAILED, e -> git.failed(e.data()));
    }

    /** A push changed a branch (SSH-4). */
    @Produces
    @Singleton
    EventHandler<RefUpdated> refUpdated(PushReactions pushes) {
        return EventHandler.of(EventCatalog.REF_UPDATED, e -> pushes.refUpdated(e.data()));
    }

    /** ENV-8: a deployment started; the environment is DIRTY. */
    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentStarted(DeploymentReactions deployments) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_STARTED, e -> deployments.started(e.data()));
    }

    /** A deployment succeeded: its commit is deployed. */
    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentSucceeded(DeploymentReactions deployments) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_SUCCEEDED, e -> deployments.finished(e.data(), true));
    }

    /** A deployment failed: the deployed commit stays. */
    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentFailed(DeploymentReactions deployments) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_FAILED, e -> deployments.finished(e.data(), false));
    }

    /** DEP-3, ENV-8: a cancelled running deployment leaves its environment no longer DIRTY. */
    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentCancelled(DeploymentReactions deployments) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_CANCELLED, e -> deployments.cancelled(e.data()));
    }

    /** TKT-5: approved DEPLOYMENT_SETTINGS and GO_LIVE tickets are fulfilled here. */
    @Produces
    @Singleton
    EventHandler<TicketApproved> ticketApproved(TicketFulfilment fulfilment) {
        return EventHandler.of(EventCatalog.TICKET_APPROVED, e -> fulfilment.approved(e.data()));
    }
}
