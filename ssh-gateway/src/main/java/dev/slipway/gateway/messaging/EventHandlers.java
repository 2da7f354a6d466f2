package dev.slipway.gateway.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.gateway.git.GitOperations;
import dev.slipway.gateway.git.RepositoryService;
import dev.slipway.platform.events.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The events ssh-gateway applies, each once, in the transaction that records it (EVT-3). */
@ApplicationScoped
public class EventHandlers {

    /** ENV-1: a new project gets its empty bare repository. */
    @Produces
    @Singleton
    EventHandler<ProjectCreated> projectCreated(RepositoryService repositories) {
        return EventHandler.of(EventCatalog.PROJECT_CREATED, e -> repositories.createFor(e.data().projectId()));
    }

    /** SSH-4: the git side of an environment operation. */
    @Produces
    @Singleton
    EventHandler<GitOperationRequested> gitOperationRequested(GitOperations operations) {
        return EventHandler.of(EventCatalog.GIT_OPERATION_REQUESTED, e -> operations.perform(e.data()));
    }
}
