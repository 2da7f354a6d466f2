package dev.slipway.gateway.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.gateway.git.GitOperations;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** SSH-4: environment-service asks for the git side of an environment operation. */
@ApplicationScoped
public class GitOperationRequestedHandler implements EventHandler<GitOperationRequested> {

    private final GitOperations operations;

    public GitOperationRequestedHandler(GitOperations operations) {
        this.operations = operations;
    }

    @Override
    public EventType<GitOperationRequested> eventType() {
        return EventCatalog.GIT_OPERATION_REQUESTED;
    }

    @Override
    public void handle(ReceivedEvent<GitOperationRequested> event) {
        operations.perform(event.data());
    }
}
