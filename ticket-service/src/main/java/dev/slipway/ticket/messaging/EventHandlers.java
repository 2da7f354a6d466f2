package dev.slipway.ticket.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.access.SshGrantChanged;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.ticket.TicketFulfilled;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.ticket.readmodel.AccessReadModel;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import dev.slipway.ticket.service.TicketFulfilments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The events ticket-service applies, each once, in the transaction that records it (EVT-3):
 * results of approved tickets (TKT-5) and the read models of deployments, grants and SSH sessions
 * that give tickets their defaults and trails. Project access comes through the platform's projection.
 */
@ApplicationScoped
public class EventHandlers {

    /** TKT-5: environment-service answered a DEPLOYMENT_SETTINGS or GO_LIVE ticket. */
    @Produces
    @Singleton
    EventHandler<TicketFulfilled> environmentFulfilled(TicketFulfilments fulfilments) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_TICKET_FULFILLED, e -> fulfilments.fulfilled("environment-service", e.data()));
    }

    /** TKT-5: ssh-gateway answered an ADD_SSH_KEY ticket with its grant. */
    @Produces
    @Singleton
    EventHandler<TicketFulfilled> accessFulfilled(TicketFulfilments fulfilments) {
        return EventHandler.of(EventCatalog.ACCESS_TICKET_FULFILLED, e -> fulfilments.fulfilled("ssh-gateway", e.data()));
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentQueued(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_QUEUED, readModel, fulfilments);
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentStarted(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_STARTED, readModel, fulfilments);
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentPhaseChanged(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_PHASE_CHANGED, readModel, fulfilments);
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentSucceeded(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_SUCCEEDED, readModel, fulfilments);
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentFailed(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_FAILED, readModel, fulfilments);
    }

    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentCancelled(DeploymentReadModel readModel, TicketFulfilments fulfilments) {
        return deployment(EventCatalog.DEPLOYMENT_CANCELLED, readModel, fulfilments);
    }

    /** The read model of deployments (defaults, DEP-5, trails) and, for a TICKET deployment, its ticket's progress (TKT-5). */
    private static EventHandler<DeploymentStatusChanged> deployment(EventType<DeploymentStatusChanged> type, DeploymentReadModel readModel,
            TicketFulfilments fulfilments) {
        return EventHandler.of(type, e -> {
            Instant at = e.time() == null ? Instant.now() : e.time();
            readModel.apply(e.data(), at);
            fulfilments.deployment(e.data());
        });
    }

    @Produces
    @Singleton
    EventHandler<SshGrantChanged> grantCreated(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.SSH_GRANT_CREATED, e -> readModel.grantCreated(e.data(), at(e.time())));
    }

    @Produces
    @Singleton
    EventHandler<SshGrantChanged> grantRevoked(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.SSH_GRANT_REVOKED, e -> readModel.grantRevoked(e.data(), at(e.time())));
    }

    @Produces
    @Singleton
    EventHandler<SshSessionOpened> sessionOpened(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.SSH_SESSION_OPENED, e -> readModel.sessionOpened(e.data(), at(e.time())));
    }

    @Produces
    @Singleton
    EventHandler<SshSessionClosed> sessionClosed(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.SSH_SESSION_CLOSED, e -> readModel.sessionClosed(e.data(), at(e.time())));
    }

    private static Instant at(Instant time) {
        return time == null ? Instant.now() : time;
    }
}
