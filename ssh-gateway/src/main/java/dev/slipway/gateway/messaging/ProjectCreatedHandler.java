package dev.slipway.gateway.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.gateway.git.RepositoryService;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** ENV-1: a new project gets its empty bare repository on the gateway. */
@ApplicationScoped
public class ProjectCreatedHandler implements EventHandler<ProjectCreated> {

    private final RepositoryService repositories;

    public ProjectCreatedHandler(RepositoryService repositories) {
        this.repositories = repositories;
    }

    @Override
    public EventType<ProjectCreated> eventType() {
        return EventCatalog.PROJECT_CREATED;
    }

    @Override
    public void handle(ReceivedEvent<ProjectCreated> event) {
        repositories.createFor(event.data().projectId());
    }
}
