package dev.slipway.events;

import dev.slipway.events.deployment.DeploymentStatusChanged;
import dev.slipway.events.environment.DeploymentRequested;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.git.RefUpdated;
import dev.slipway.events.git.RepositoryCreated;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.events.project.ProjectUpdated;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketFulfilled;
import dev.slipway.events.access.SshCommandFinished;
import dev.slipway.events.access.SshGrantChanged;
import dev.slipway.events.access.SshKeyChanged;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import dev.slipway.events.git.TierPushAccepted;
import java.util.List;

/**
 * Every event Slipway publishes (EVT-4). {@code docs/events.md} documents the same list and a test
 * keeps the two in step.
 */
public final class EventCatalog {

    private static final String ENVIRONMENT = "environment-service";
    private static final String DEPLOYMENT = "deployment-service";
    private static final String TICKET = "ticket-service";
    private static final String GATEWAY = "ssh-gateway";

    public static final EventType<ProjectCreated> PROJECT_CREATED = new EventType<>(
            "dev.slipway.project.created.v1", Producer.ENVIRONMENT_SERVICE, ProjectCreated.class, List.of(DEPLOYMENT, TICKET, GATEWAY));
    public static final EventType<ProjectDeleted> PROJECT_DELETED = new EventType<>(
            "dev.slipway.project.deleted.v1", Producer.ENVIRONMENT_SERVICE, ProjectDeleted.class, List.of(DEPLOYMENT, TICKET, GATEWAY));
    public static final EventType<MemberAdded> MEMBER_ADDED = new EventType<>(
            "dev.slipway.project.member-added.v1", Producer.ENVIRONMENT_SERVICE, MemberAdded.class, List.of(DEPLOYMENT, TICKET, GATEWAY));
    public static final EventType<MemberRoleChanged> MEMBER_ROLE_CHANGED = new EventType<>(
            "dev.slipway.project.member-role-changed.v1", Producer.ENVIRONMENT_SERVICE, MemberRoleChanged.class, List.of(DEPLOYMENT, TICKET, GATEWAY));
    public static final EventType<MemberRemoved> MEMBER_REMOVED = new EventType<>(
            "dev.slipway.project.member-removed.v1", Producer.ENVIRONMENT_SERVICE, MemberRemoved.class, List.of(DEPLOYMENT, TICKET, GATEWAY));
    public static final EventType<RepositoryCreated> REPOSITORY_CREATED = new EventType<>(
            "dev.slipway.repository.created.v1", Producer.SSH_GATEWAY_GIT, RepositoryCreated.class, List.of());

    public static final EventType<ProjectUpdated> PROJECT_UPDATED = new EventType<>(
            "dev.slipway.project.updated.v1", Producer.ENVIRONMENT_SERVICE, ProjectUpdated.class, List.of(GATEWAY));
    public static final EventType<EnvironmentChanged> ENVIRONMENT_CREATED = new EventType<>(
            "dev.slipway.environment.created.v1", Producer.ENVIRONMENT_SERVICE, EnvironmentChanged.class, List.of(GATEWAY));
    public static final EventType<EnvironmentChanged> ENVIRONMENT_ACTIVATED = new EventType<>(
            "dev.slipway.environment.activated.v1", Producer.ENVIRONMENT_SERVICE, EnvironmentChanged.class, List.of(GATEWAY));
    public static final EventType<EnvironmentChanged> ENVIRONMENT_DEACTIVATED = new EventType<>(
            "dev.slipway.environment.deactivated.v1", Producer.ENVIRONMENT_SERVICE, EnvironmentChanged.class, List.of(DEPLOYMENT, GATEWAY));
    public static final EventType<EnvironmentChanged> ENVIRONMENT_DELETED = new EventType<>(
            "dev.slipway.environment.deleted.v1", Producer.ENVIRONMENT_SERVICE, EnvironmentChanged.class, List.of(DEPLOYMENT, GATEWAY));
    public static final EventType<DeploymentRequested> DEPLOYMENT_REQUESTED = new EventType<>(
            "dev.slipway.environment.deployment-requested.v1", Producer.ENVIRONMENT_SERVICE, DeploymentRequested.class, List.of(DEPLOYMENT));
    public static final EventType<GitOperationRequested> GIT_OPERATION_REQUESTED = new EventType<>(
            "dev.slipway.git-operation.requested.v1", Producer.ENVIRONMENT_SERVICE, GitOperationRequested.class, List.of(GATEWAY));
    public static final EventType<GitOperationCompleted> GIT_OPERATION_COMPLETED = new EventType<>(
            "dev.slipway.git-operation.completed.v1", Producer.SSH_GATEWAY_GIT, GitOperationCompleted.class, List.of(ENVIRONMENT));
    public static final EventType<GitOperationFailed> GIT_OPERATION_FAILED = new EventType<>(
            "dev.slipway.git-operation.failed.v1", Producer.SSH_GATEWAY_GIT, GitOperationFailed.class, List.of(ENVIRONMENT));
    public static final EventType<RefUpdated> REF_UPDATED = new EventType<>(
            "dev.slipway.ref.updated.v1", Producer.SSH_GATEWAY_GIT, RefUpdated.class, List.of(ENVIRONMENT));

    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_STARTED = new EventType<>(
            "dev.slipway.deployment.started.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(ENVIRONMENT, TICKET));
    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_SUCCEEDED = new EventType<>(
            "dev.slipway.deployment.succeeded.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(ENVIRONMENT, GATEWAY, TICKET));
    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_FAILED = new EventType<>(
            "dev.slipway.deployment.failed.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(ENVIRONMENT, TICKET));
    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_QUEUED = new EventType<>(
            "dev.slipway.deployment.queued.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(TICKET));
    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_PHASE_CHANGED = new EventType<>(
            "dev.slipway.deployment.phase-changed.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(TICKET));
    public static final EventType<DeploymentStatusChanged> DEPLOYMENT_CANCELLED = new EventType<>(
            "dev.slipway.deployment.cancelled.v1", Producer.DEPLOYMENT_SERVICE, DeploymentStatusChanged.class, List.of(ENVIRONMENT, TICKET));
    public static final EventType<TicketApproved> TICKET_APPROVED = new EventType<>(
            "dev.slipway.ticket.approved.v1", Producer.TICKET_SERVICE, TicketApproved.class, List.of(ENVIRONMENT, DEPLOYMENT, GATEWAY));
    public static final EventType<TicketFulfilled> ENVIRONMENT_TICKET_FULFILLED = new EventType<>(
            "dev.slipway.environment.ticket-fulfilled.v1", Producer.ENVIRONMENT_SERVICE, TicketFulfilled.class, List.of(TICKET));


    public static final EventType<SshKeyChanged> SSH_KEY_ADDED = new EventType<>(
            "dev.slipway.ssh-key.added.v1", Producer.SSH_GATEWAY_ACCESS, SshKeyChanged.class, List.of());
    public static final EventType<SshKeyChanged> SSH_KEY_REMOVED = new EventType<>(
            "dev.slipway.ssh-key.removed.v1", Producer.SSH_GATEWAY_ACCESS, SshKeyChanged.class, List.of());
    public static final EventType<SshGrantChanged> SSH_GRANT_CREATED = new EventType<>(
            "dev.slipway.ssh-grant.created.v1", Producer.SSH_GATEWAY_ACCESS, SshGrantChanged.class, List.of(TICKET));
    public static final EventType<SshGrantChanged> SSH_GRANT_REVOKED = new EventType<>(
            "dev.slipway.ssh-grant.revoked.v1", Producer.SSH_GATEWAY_ACCESS, SshGrantChanged.class, List.of(TICKET));
    public static final EventType<TicketFulfilled> ACCESS_TICKET_FULFILLED = new EventType<>(
            "dev.slipway.access.ticket-fulfilled.v1", Producer.SSH_GATEWAY_ACCESS, TicketFulfilled.class, List.of(TICKET));
    public static final EventType<SshSessionOpened> SSH_SESSION_OPENED = new EventType<>(
            "dev.slipway.ssh-session.opened.v1", Producer.SSH_GATEWAY_ACCESS, SshSessionOpened.class, List.of(TICKET));
    public static final EventType<SshCommandFinished> SSH_COMMAND_FINISHED = new EventType<>(
            "dev.slipway.ssh-session.command-finished.v1", Producer.SSH_GATEWAY_ACCESS, SshCommandFinished.class, List.of());
    public static final EventType<SshSessionClosed> SSH_SESSION_CLOSED = new EventType<>(
            "dev.slipway.ssh-session.closed.v1", Producer.SSH_GATEWAY_ACCESS, SshSessionClosed.class, List.of(TICKET));
    public static final EventType<TierPushAccepted> TIER_PUSH_ACCEPTED = new EventType<>(
            "dev.slipway.tier-push.accepted.v1", Producer.SSH_GATEWAY_GIT, TierPushAccepted.class, List.of(DEPLOYMENT));

    public static final List<EventType<?>> ALL = List.of(
            PROJECT_CREATED, PROJECT_UPDATED, PROJECT_DELETED, MEMBER_ADDED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED,
            ENVIRONMENT_CREATED, ENVIRONMENT_ACTIVATED, ENVIRONMENT_DEACTIVATED, ENVIRONMENT_DELETED, DEPLOYMENT_REQUESTED,
            GIT_OPERATION_REQUESTED, GIT_OPERATION_COMPLETED, GIT_OPERATION_FAILED, REF_UPDATED, REPOSITORY_CREATED,
            DEPLOYMENT_QUEUED, DEPLOYMENT_STARTED, DEPLOYMENT_PHASE_CHANGED, DEPLOYMENT_SUCCEEDED, DEPLOYMENT_FAILED,
            DEPLOYMENT_CANCELLED, TICKET_APPROVED, ENVIRONMENT_TICKET_FULFILLED,
            SSH_KEY_ADDED, SSH_KEY_REMOVED, SSH_GRANT_CREATED, SSH_GRANT_REVOKED, ACCESS_TICKET_FULFILLED, SSH_SESSION_OPENED,
            SSH_COMMAND_FINISHED, SSH_SESSION_CLOSED, TIER_PUSH_ACCEPTED);

    private EventCatalog() {
    }
}
