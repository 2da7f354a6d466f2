package dev.slipway.gateway.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.events.project.ProjectUpdated;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.gateway.git.GitOperations;
import dev.slipway.gateway.git.RepositoryService;
import dev.slipway.gateway.service.AccessReadModel;
import dev.slipway.gateway.service.GrantService;
import dev.slipway.platform.events.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The events ssh-gateway applies, each once, in the transaction that records it (EVT-3). */
@ApplicationScoped
public class EventHandlers {

    private static final String SERVICE = "ssh-gateway";

    /** ENV-1: a new project gets its empty bare repository. */
    @Produces
    @Singleton
    EventHandler<ProjectCreated> projectCreated(RepositoryService repositories) {
        return EventHandler.of(EventCatalog.PROJECT_CREATED, e -> repositories.createFor(e.data().projectId()));
    }

    /** ENV-1, ENV-3: the project's limit and its three first environments. */
    @Produces
    @Singleton
    EventHandler<ProjectCreated> projectKnown(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.PROJECT_CREATED, e -> readModel.projectCreated(e.data()));
    }

    @Produces
    @Singleton
    EventHandler<ProjectUpdated> projectUpdated(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.PROJECT_UPDATED, e -> readModel.limitChanged(e.data().projectId(), e.data().activeEnvironmentLimit()));
    }

    /** A deleted project's grants end with it, and so do its sessions. */
    @Produces
    @Singleton
    EventHandler<ProjectDeleted> projectDeleted(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.PROJECT_DELETED, e -> readModel.projectDeleted(e.data().projectId()));
    }

    /** SSH-4: the git side of an environment operation. */
    @Produces
    @Singleton
    EventHandler<GitOperationRequested> gitOperationRequested(GitOperations operations) {
        return EventHandler.of(EventCatalog.GIT_OPERATION_REQUESTED, e -> operations.perform(e.data()));
    }

    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentCreated(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_CREATED, e -> readModel.environmentChanged(e.data()));
    }

    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentActivated(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_ACTIVATED, e -> readModel.environmentChanged(e.data()));
    }

    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentDeactivated(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_DEACTIVATED, e -> readModel.environmentChanged(e.data()));
    }

    @Produces
    @Singleton
    EventHandler<EnvironmentChanged> environmentDeleted(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.ENVIRONMENT_DELETED, e -> readModel.environmentDeleted(e.data()));
    }

    /** SSH-2 and DEP-5 facts: the deployed app's access.ssh and the commits that succeeded where. */
    @Produces
    @Singleton
    EventHandler<DeploymentStatusChanged> deploymentSucceeded(AccessReadModel readModel) {
        return EventHandler.of(EventCatalog.DEPLOYMENT_SUCCEEDED, e -> readModel.deploymentSucceeded(e.data()));
    }

    /** SSH-2: a member removed loses their grants on the project, and their open sessions end. */
    @Produces
    @Singleton
    EventHandler<MemberRemoved> memberRemoved(GrantService grants) {
        return EventHandler.of(EventCatalog.MEMBER_REMOVED, e -> grants.membershipEnded(e.data().projectId(), e.data().userId(), e.data().removedBy()));
    }

    /** SSH-2: a demoted member's sessions are re-checked against access.ssh. */
    @Produces
    @Singleton
    EventHandler<MemberRoleChanged> memberRoleChanged(GrantService grants) {
        return EventHandler.of(EventCatalog.MEMBER_ROLE_CHANGED, e -> grants.roleChanged(e.data().projectId(), e.data().role()));
    }

    /** TKT-5: approved ADD_SSH_KEY tickets become grants; other types belong to other services. */
    @Produces
    @Singleton
    EventHandler<TicketApproved> ticketApproved(GrantService grants) {
        return EventHandler.of(EventCatalog.TICKET_APPROVED, e -> {
            if (e.data().type().isFulfilledBy(SERVICE)) {
                grants.fulfil(e.data());
            }
        });
    }
}
