package dev.slipway.platform.security;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.project.MemberAdded;
import dev.slipway.events.project.MemberRemoved;
import dev.slipway.events.project.MemberRoleChanged;
import dev.slipway.events.project.ProjectCreated;
import dev.slipway.events.project.ProjectDeleted;
import dev.slipway.platform.events.EventHandler;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps {@code project_access} in step with environment-service's membership events (ENV-9), so
 * every service authorizes from its own copy (SEC-1). Off in environment-service, which owns the
 * table and sets {@code slipway.access.owner=true}.
 */
@ApplicationScoped
public class ProjectAccessProjection {

    private static final String OWNER = "slipway.access.owner";

    /** The creator is the project's first admin (ENV-9). */
    @Produces
    @Singleton
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    EventHandler<ProjectCreated> onProjectCreated(ProjectAccessStore store) {
        return EventHandler.of(EventCatalog.PROJECT_CREATED, e -> store.grant(e.data().projectId(), e.data().createdBy(), ProjectRole.ADMIN));
    }

    @Produces
    @Singleton
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    EventHandler<MemberAdded> onMemberAdded(ProjectAccessStore store) {
        return EventHandler.of(EventCatalog.MEMBER_ADDED, e -> store.grant(e.data().projectId(), e.data().userId(), e.data().role()));
    }

    @Produces
    @Singleton
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    EventHandler<MemberRoleChanged> onMemberRoleChanged(ProjectAccessStore store) {
        return EventHandler.of(EventCatalog.MEMBER_ROLE_CHANGED, e -> store.grant(e.data().projectId(), e.data().userId(), e.data().role()));
    }

    @Produces
    @Singleton
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    EventHandler<MemberRemoved> onMemberRemoved(ProjectAccessStore store) {
        return EventHandler.of(EventCatalog.MEMBER_REMOVED, e -> store.revoke(e.data().projectId(), e.data().userId()));
    }

    @Produces
    @Singleton
    @UnlessBuildProperty(name = OWNER, stringValue = "true", enableIfMissing = true)
    EventHandler<ProjectDeleted> onProjectDeleted(ProjectAccessStore store) {
        return EventHandler.of(EventCatalog.PROJECT_DELETED, e -> store.forgetProject(e.data().projectId()));
    }
}
