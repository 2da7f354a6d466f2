package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.domain.ProjectId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A project: one git repository and its tree of environments (ENV-1). Created with {@code master}
 * (Integration, active, the root), {@code staging} and {@code production}, both on {@code master}.
 * Its members live in {@code project_access} (ENV-9).
 */
@Entity
@Table(name = "project")
public class Project {

    /** ENV-3 default. */
    public static final int DEFAULT_ACTIVE_ENVIRONMENT_LIMIT = 8;
    public static final String MASTER = "master";

    @Id
    private String id;

    @Column(nullable = false)
    private String title;

    @Column(name = "active_environment_limit", nullable = false)
    private int activeEnvironmentLimit;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Project() {
    }

    private Project(ProjectId id, String title, String createdBy, int activeEnvironmentLimit, Instant createdAt) {
        if (activeEnvironmentLimit < 1 || activeEnvironmentLimit > 50) {
            throw new DomainException("ENV-3", 400, "invalid-active-environment-limit", "activeEnvironmentLimit is 1-50.");
        }
        this.id = id.value();
        this.title = title == null || title.isBlank() ? id.value() : title.strip();
        this.createdBy = createdBy;
        this.activeEnvironmentLimit = activeEnvironmentLimit;
        this.createdAt = createdAt;
    }

    /** ENV-1: the project and its three environments, to be persisted together. */
    public static Created create(ProjectId id, String title, String createdBy, Integer activeEnvironmentLimit, Instant now) {
        Project project = new Project(id, title, createdBy,
                activeEnvironmentLimit == null ? DEFAULT_ACTIVE_ENVIRONMENT_LIMIT : activeEnvironmentLimit, now);
        List<Environment> environments = List.of(
                Environment.master(project, now),
                Environment.tier(project, EnvironmentType.STAGING, now),
                Environment.tier(project, EnvironmentType.PRODUCTION, now));
        return new Created(project, environments);
    }

    /** Changes the display title; blank keeps the id as title. */
    public void rename(String newTitle) {
        this.title = newTitle == null || newTitle.isBlank() ? id : newTitle.strip();
    }

    /** ENV-3: 1-50. Lowering it below the active count deactivates nothing; new activations wait. */
    public void changeActiveEnvironmentLimit(int limit) {
        if (limit < 1 || limit > 50) {
            throw new DomainException("ENV-3", 400, "invalid-active-environment-limit", "activeEnvironmentLimit is 1-50.");
        }
        this.activeEnvironmentLimit = limit;
    }

    /** ENV-3: whether one more Integration environment may be active when {@code active} already are. */
    public boolean hasRoomForActiveEnvironment(long active) {
        return active < activeEnvironmentLimit;
    }

    /** ENV-3: refuses one more active Integration environment when {@code active} already reach the limit. */
    public void requireRoomForActiveEnvironment(long active) {
        Refusal.raise(roomRefusal(active));
    }

    /** ENV-3 as a value: why one more active environment does not fit, {@code active} being active now. */
    public Optional<Refusal> roomRefusal(long active) {
        return hasRoomForActiveEnvironment(active) ? Optional.empty() : Refusal.of("ENV-3", 409, "active-environment-limit", "Project " + id
                + " already has " + active + " active Integration environments, its limit (activeEnvironmentLimit " + activeEnvironmentLimit
                + "); deactivate one first or raise the limit.");
    }

    /** A new project with its environments. */
    public record Created(Project project, List<Environment> environments) {
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public int activeEnvironmentLimit() {
        return activeEnvironmentLimit;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
