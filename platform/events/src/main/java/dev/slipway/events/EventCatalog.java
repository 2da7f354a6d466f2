package dev.slipway.events;

import dev.slipway.events.git.RepositoryCreated;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import java.util.List;
import java.util.Optional;

/**
 * Every event Slipway publishes (EVT-4). {@code docs/events.md} documents the same list and a test
 * keeps the two in step.
 */
public final class EventCatalog {

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

    public static final List<EventType<?>> ALL = List.of(
            PROJECT_CREATED, PROJECT_DELETED, MEMBER_ADDED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED, REPOSITORY_CREATED);

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(eventType -> eventType.type().equals(type)).findFirst();
    }
}
