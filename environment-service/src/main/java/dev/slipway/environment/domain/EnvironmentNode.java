package dev.slipway.environment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** ENV-6: the release and health of one node of an environment, as deployment-service last reported them. */
@Entity
@Table(name = "environment_node")
public class EnvironmentNode {

    @EmbeddedId
    private Key key;

    @Column(name = "release_id")
    private String releaseId;

    @Column(name = "release_commit")
    private String releaseCommit;

    @Column(nullable = false)
    private String health;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EnvironmentNode() {
    }

    public EnvironmentNode(String projectId, String environmentId, int node) {
        this.key = new Key(projectId, environmentId, node);
        this.health = "UNKNOWN";
    }

    public void report(String releaseId, String commit, String health, Instant now) {
        this.releaseId = releaseId;
        this.releaseCommit = commit;
        this.health = health == null ? "UNKNOWN" : health;
        this.updatedAt = now;
    }

    /** Project, environment and node number (1-based). */
    @Embeddable
    public record Key(@Column(name = "project_id") String projectId, @Column(name = "environment_id") String environmentId,
            @Column(name = "node") int node) implements Serializable {
    }

    public int node() {
        return key.node();
    }

    public String releaseId() {
        return releaseId;
    }

    public String releaseCommit() {
        return releaseCommit;
    }

    public String health() {
        return health;
    }
}
