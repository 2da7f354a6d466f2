package dev.slipway.platform.security;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.platform.events.EventHandler;
import dev.slipway.platform.events.ReceivedEvent;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@code project_access} in step with environment-service's membership events (ENV-9), so
 * every service authorizes from its own copy (SEC-1). Off in environment-service, which owns the
 * table and sets {@code slipway.access.owner=true}.
 */
public final class ProjectAccessProjection {

    private static final String OWNER = "slipway.access.owner";

    private ProjectAccessProjection() {
    }

    /** The creator is the project's first admin (ENV-9). */
    @ApplicationScoped
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    public static class OnProjectCreated implements EventHandler<ProjectCreated> {
        private final ProjectAccessStore store;

        public OnProjectCreated(ProjectAccessStore store) {
            this.store = store;
        }

        @Override
        public EventType<ProjectCreated> eventType() {
            return EventCatalog.PROJECT_CREATED;
        }

        @Override
        public void handle(ReceivedEvent<ProjectCreated> event) {
            store.grant(event.data().projectId(), event.data().createdBy(), ProjectRole.ADMIN);
        }
    }

    @ApplicationScoped
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    public static class OnMemberAdded implements EventHandler<MemberAdded> {
        private final ProjectAccessStore store;

        public OnMemberAdded(ProjectAccessStore store) {
            this.store = store;
        }

        @Override
        public EventType<MemberAdded> eventType() {
            return EventCatalog.MEMBER_ADDED;
        }

        @Override
        public void handle(ReceivedEvent<MemberAdded> event) {
            store.grant(event.data().projectId(), event.data().userId(), event.data().role());
        }
    }

    @ApplicationScoped
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    public static class OnMemberRoleChanged implements EventHandler<MemberRoleChanged> {
        private final ProjectAccessStore store;

        public OnMemberRoleChanged(ProjectAccessStore store) {
            this.store = store;
        }

        @Override
        public EventType<MemberRoleChanged> eventType() {
            return EventCatalog.MEMBER_ROLE_CHANGED;
        }

        @Override
        public void handle(ReceivedEvent<MemberRoleChanged> event) {
            store.grant(event.data().projectId(), event.data().userId(), event.data().role());
        }
    }

    @ApplicationScoped
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    public static class OnMemberRemoved implements EventHandler<MemberRemoved> {
        private final ProjectAccessStore store;

        public OnMemberRemoved(ProjectAccessStore store) {
            this.store = store;
        }

        @Override
        public EventType<MemberRemoved> eventType() {
            return EventCatalog.MEMBER_REMOVED;
        }

        @Override
        public void handle(ReceivedEvent<MemberRemoved> event) {
            store.revoke(event.data().projectId(), event.data().userId());
        }
    }

    @ApplicationScoped
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    public static class OnProjectDeleted implements EventHandler<ProjectDeleted> {
        private final ProjectAccessStore store;

        public OnProjectDeleted(ProjectAccessStore store) {
            this.store = store;
        }

        @Override
        public EventType<ProjectDeleted> eventType() {
            return EventCatalog.PROJECT_DELETED;
        }

        @Override
        public void handle(ReceivedEvent<ProjectDeleted> event) {
            store.forgetProject(event.data().projectId());
        }
    }
}
