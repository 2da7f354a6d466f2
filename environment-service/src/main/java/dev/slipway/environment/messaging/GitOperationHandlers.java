package dev.slipway.environment.messaging;

import dev.slipway.environment.service.EnvironmentService;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import dev.slipway.events.git.RefUpdated;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** The git host's answers to the operations environment-service asked for (SSH-4, ENV-4). */
public final class GitOperationHandlers {

    private GitOperationHandlers() {
    }

    /** Completes the activity and asks for the deployment that follows. */
    @ApplicationScoped
    public static class Completed implements EventHandler<GitOperationCompleted> {
        private final EnvironmentService environments;

        public Completed(EnvironmentService environments) {
            this.environments = environments;
        }

        @Override
        public EventType<GitOperationCompleted> eventType() {
            return EventCatalog.GIT_OPERATION_COMPLETED;
        }

        @Override
        public void handle(ReceivedEvent<GitOperationCompleted> event) {
            environments.gitOperationCompleted(event.data());
        }
    }

    /** A push changed a branch (SSH-4). */
    @ApplicationScoped
    public static class RefChanged implements EventHandler<RefUpdated> {
        private final EnvironmentService environments;

        public RefChanged(EnvironmentService environments) {
            this.environments = environments;
        }

        @Override
        public EventType<RefUpdated> eventType() {
            return EventCatalog.REF_UPDATED;
        }

        @Override
        public void handle(ReceivedEvent<RefUpdated> event) {
            environments.refUpdated(event.data());
        }
    }

    /** Fails the activity, naming the conflicting paths. */
    @ApplicationScoped
    public static class Failed implements EventHandler<GitOperationFailed> {
        private final EnvironmentService environments;

        public Failed(EnvironmentService environments) {
            this.environments = environments;
        }

        @Override
        public EventType<GitOperationFailed> eventType() {
            return EventCatalog.GIT_OPERATION_FAILED;
        }

        @Override
        public void handle(ReceivedEvent<GitOperationFailed> event) {
            environments.gitOperationFailed(event.data());
        }
    }
}
