package dev.slipway.environment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;

/**
 * An environment of a project. Integration environments are git branches in a tree rooted at
 * {@code master} (ENV-2, ENV-4); Staging and Production are single, on branch {@code master} and
 * changed only through tickets (ENV-5).
 */
@Entity
@Table(name = "environment")
public class Environment {

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EnvironmentType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EnvironmentStatus status;

    @Column(nullable = false)
    private String branch;

    @Column(name = "parent_id")
    private String parentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Environment() {
    }

    private Environment(String projectId, String id, String title, EnvironmentType type, EnvironmentStatus status,
            String branch, String parentId, Instant createdAt) {
        this.key = new Key(projectId, id);
        this.title = title;
        this.type = type;
        this.status = status;
        this.branch = branch;
        this.parentId = parentId;
        this.createdAt = createdAt;
    }

    /** ENV-1: the root Integration environment, active from the start. */
    static Environment master(Project project, Instant now) {
        return new Environment(project.id(), Project.MASTER, "Master", EnvironmentType.INTEGRATION, EnvironmentStatus.ACTIVE,
                Project.MASTER, null, now);
    }

    /**
     * ENV-1, ENV-5: Staging or Production on branch master. Active: their dedicated hardware
     * serves from the start, and code reaches them only by assisted deployment.
     */
    static Environment tier(Project project, EnvironmentType type, Instant now) {
        String id = type.name().toLowerCase(Locale.ROOT);
        String title = type == EnvironmentType.STAGING ? "Staging" : "Production";
        return new Environment(project.id(), id, title, type, EnvironmentStatus.ACTIVE, Project.MASTER, null, now);
    }

    /** Project and environment id. */
    @Embeddable
    public record Key(@Column(name = "project_id") String projectId, @Column(name = "id") String id) implements Serializable {
    }

    public String projectId() {
        return key.projectId();
    }

    public String id() {
        return key.id();
    }

    public String title() {
        return title;
    }

    public EnvironmentType type() {
        return type;
    }

    public EnvironmentStatus status() {
        return status;
    }

    public String branch() {
        return branch;
    }

    public String parentId() {
        return parentId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
