package dev.slipway.environment.domain;

import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Projects (ENV-1) and the queries on them. */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, String> {

    public Optional<Project> find(String projectId) {
        return findByIdOptional(projectId);
    }

    /**
     * The project, its row locked until the transaction ends: serializes the ENV-3 and ENV-9
     * decisions of one project (concurrent branches and activations, the last admin).
     */
    public Project lock(String projectId) {
        return lockIfExists(projectId).orElseThrow(() -> ProjectAuthorization.noSuchProject(projectId));
    }

    /** As {@link #lock}, for event handlers: a project deleted since is no error. */
    public Optional<Project> lockIfExists(String projectId) {
        return Optional.ofNullable(findById(projectId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** A page of the projects {@code userId} is a member of (every project when {@code all}), by id after {@code afterId}. */
    public List<Project> page(String userId, boolean all, String afterId, int limit) {
        String after = afterId == null ? "" : afterId;
        if (all) {
            return find("id > :after ORDER BY id", Parameters.with("after", after)).page(0, limit).list();
        }
        return find("id > :after AND id IN (SELECT m.key.projectId FROM ProjectMember m WHERE m.key.userId = :user) ORDER BY id",
                Parameters.with("after", after).and("user", userId)).page(0, limit).list();
    }
}
