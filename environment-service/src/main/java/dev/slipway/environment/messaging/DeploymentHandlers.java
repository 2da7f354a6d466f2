package dev.slipway.environment.messaging;

import dev.slipway.environment.service.DeploymentTracking;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Deployment progress reported by deployment-service (ENV-6, ENV-8). */
public final class DeploymentHandlers {

    private DeploymentHandlers() {
    }

    /** A deployment started: the environment is DIRTY. */
    @ApplicationScoped
    public static class Started implements EventHandler<DeploymentStatusChanged> {
        private final DeploymentTracking tracking;

        public Started(DeploymentTracking tracking) {
            this.tracking = tracking;
        }

        @Override
        public EventType<DeploymentStatusChanged> eventType() {
            return EventCatalog.DEPLOYMENT_STARTED;
        }

        @Override
        public void handle(ReceivedEvent<DeploymentStatusChanged> event) {
            tracking.started(event.data());
        }
    }

    /** A deployment succeeded: its commit is deployed. */
    @ApplicationScoped
    public static class Succeeded implements EventHandler<DeploymentStatusChanged> {
        private final DeploymentTracking tracking;

        public Succeeded(DeploymentTracking tracking) {
            this.tracking = tracking;
        }

        @Override
        public EventType<DeploymentStatusChanged> eventType() {
            return EventCatalog.DEPLOYMENT_SUCCEEDED;
        }

        @Override
        public void handle(ReceivedEvent<DeploymentStatusChanged> event) {
            tracking.finished(event.data(), true);
        }
    }

    /** A deployment failed: the deployed commit stays. */
    @ApplicationScoped
    public static class Failed implements EventHandler<DeploymentStatusChanged> {
        private final DeploymentTracking tracking;

        public Failed(DeploymentTracking tracking) {
            this.tracking = tracking;
        }

        @Override
        public EventType<DeploymentStatusChanged> eventType() {
            return EventCatalog.DEPLOYMENT_FAILED;
        }

        @Override
        public void handle(ReceivedEvent<DeploymentStatusChanged> event) {
            tracking.finished(event.data(), false);
        }
    }
}
