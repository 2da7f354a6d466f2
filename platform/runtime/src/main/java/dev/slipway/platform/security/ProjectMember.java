package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
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

/** A user's role on a project (ENV-9): owned by environment-service, a read model elsewhere. */
@Entity
@Table(name = "project_access")
public class ProjectMember {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectRole role;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Project and user. */
    @Embeddable
    public record Key(@Column(name = "project_id") String projectId, @Column(name = "user_id") String userId) implements Serializable {
    }
}
