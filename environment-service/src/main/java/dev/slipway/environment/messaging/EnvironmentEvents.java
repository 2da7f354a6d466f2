package dev.slipway.environment.messaging;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.Project;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.DeploymentRequested;
import dev.slipway.events.environment.EnvironmentChanged;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.events.ticket.TicketFulfilled;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.events.project.ProjectUpdated;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every event environment-service publishes, built from the domain in one place with its subject
 * (EVT-1) and written to the outbox in the caller's transaction (EVT-3).
 */
@ApplicationScoped
public class EnvironmentEvents {

    private final EventPublisher publisher;

    public EnvironmentEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    static String subject(String projectId) {
        return "projects/" + projectId;
    }

    static String subject(Environment environment) {
        return subject(environment.projectId()) + "/environments/" + environment.id();
    }

    /** ENV-1: ssh-gateway creates the repository; every service seeds its copy of project access. */
    public void projectCreated(Project.Created created) {
        Project project = created.project();
        publisher.publish(EventCatalog.PROJECT_CREATED, project.id(), subject(project.id()), new ProjectCreated(project.id(), project.title(),
                project.createdBy(), project.activeEnvironmentLimit(),
                created.environments().stream().map(environment -> new ProjectCreated.EnvironmentSummary(environment.id(),
                        environment.type(), environment.status(), environment.branch(), environment.parentId())).toList(),
                project.createdAt()));
    }

    public void projectUpdated(Project project, String by) {
        publisher.publish(EventCatalog.PROJECT_UPDATED, project.id(), subject(project.id()),
                new ProjectUpdated(project.id(), project.title(), project.activeEnvironmentLimit(), by));
    }

    public void projectDeleted(String projectId, String by) {
        publisher.publish(EventCatalog.PROJECT_DELETED, projectId, subject(projectId), new ProjectDeleted(projectId, by));
    }

    public void memberAdded(String projectId, String userId, ProjectRole role, String by) {
        publisher.publish(EventCatalog.MEMBER_ADDED, projectId, memberSubject(projectId, userId), new MemberAdded(projectId, userId, role, by));
    }

    public void memberRoleChanged(String projectId, String userId, ProjectRole role, ProjectRole previous, String by) {
        publisher.publish(EventCatalog.MEMBER_ROLE_CHANGED, projectId, memberSubject(projectId, userId),
                new MemberRoleChanged(projectId, userId, role, previous, by));
    }

    public void memberRemoved(String projectId, String userId, String by) {
        publisher.publish(EventCatalog.MEMBER_REMOVED, projectId, memberSubject(projectId, userId), new MemberRemoved(projectId, userId, by));
    }

    public void environmentCreated(Environment environment, EnvironmentOperation trigger, Activity activity, String by) {
        environmentChanged(EventCatalog.ENVIRONMENT_CREATED, environment, trigger, activity, by);
    }

    public void environmentActivated(Environment environment, Activity activity, String by) {
        environmentChanged(EventCatalog.ENVIRONMENT_ACTIVATED, environment, EnvironmentOperation.ACTIVATE, activity, by);
    }

    public void environmentDeactivated(Environment environment, Activity activity, String by) {
        environmentChanged(EventCatalog.ENVIRONMENT_DEACTIVATED, environment, EnvironmentOperation.DEACTIVATE, activity, by);
    }

    /** {@code trigger}: DELETE or PUSH, or BRANCH for a child whose branch the git host could not create. */
    public void environmentDeleted(Environment environment, EnvironmentOperation trigger, Activity activity, String by) {
        environmentChanged(EventCatalog.ENVIRONMENT_DELETED, environment, trigger, activity, by);
    }

    /** DEP-1: deploy the environment's head; {@code dataFrom} names the environment whose data to copy first (DEP-7), or is null. */
    public void deploymentRequested(Environment environment, DeploymentTrigger trigger, String dataFrom, Activity activity, String by) {
        publisher.publish(EventCatalog.DEPLOYMENT_REQUESTED, environment.projectId(), subject(environment),
                new DeploymentRequested(environment.projectId(), environment.id(), environment.branch(), environment.headCommit(), trigger,
                        dataFrom, activity == null ? null : activity.id().toString(), by));
    }

    /**
     * DEP-6, VAR-4: an approved DEPLOYMENT_SETTINGS ticket changed a tier's variables; the tier
     * redeploys the commit it runs (no new code is promoted), as a deployment of that ticket.
     */
    public void tierRedeployRequested(Environment environment, TicketApproved ticket) {
        publisher.publish(EventCatalog.DEPLOYMENT_REQUESTED, environment.projectId(), subject(environment),
                new DeploymentRequested(environment.projectId(), environment.id(), environment.branch(), environment.deployedCommit(),
                        DeploymentTrigger.TICKET, null, null, ticket.approvedBy(), ticket.ticketId(), ticket.attempt() == null ? 1 : ticket.attempt()));
    }

    /** SSH-4: the git side of {@code activity}; the answer refers to the activity's id. */
    public void gitOperationRequested(Activity activity, Environment environment, GitOperationRequested.Kind kind, String branch,
            String baseBranch, String by) {
        publisher.publish(EventCatalog.GIT_OPERATION_REQUESTED, environment.projectId(), subject(environment),
                new GitOperationRequested(activity.id().toString(), environment.projectId(), environment.id(), kind, branch, baseBranch, by));
    }

    /** TKT-5: the outcome of an approved ticket this service fulfils. */
    public void ticketFulfilled(TicketApproved ticket, boolean success, String detail) {
        publisher.publish(EventCatalog.ENVIRONMENT_TICKET_FULFILLED, ticket.projectId(), "tickets/" + ticket.ticketId(),
                new TicketFulfilled(ticket.ticketId(), ticket.projectId(), ticket.environmentId(), ticket.type(), success, detail, null,
                        ticket.attempt()));
    }

    private void environmentChanged(EventType<EnvironmentChanged> type, Environment environment, EnvironmentOperation trigger,
            Activity activity, String by) {
        publisher.publish(type, environment.projectId(), subject(environment), new EnvironmentChanged(environment.projectId(),
                environment.id(), environment.type(), environment.status(), environment.branch(), environment.parentId(), trigger,
                activity == null ? null : activity.id().toString(), by));
    }

    private static String memberSubject(String projectId, String userId) {
        return subject(projectId) + "/members/" + userId;
    }
}
