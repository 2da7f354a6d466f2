package dev.slipway.environment.domain;

import dev.slipway.events.deployment.NodeHealth;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NodeHealth health;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EnvironmentNode() {
    }

    public EnvironmentNode(String projectId, String environmentId, int node) {
        this.key = new Key(projectId, environmentId, node);
        this.health = NodeHealth.UNKNOWN;
    }

    public void report(String releaseId, String commit, NodeHealth health, Instant now) {
        this.releaseId = releaseId;
        this.releaseCommit = commit;
        this.health = health == null ? NodeHealth.UNKNOWN : health;
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

    public String environmentId() {
        return key.environmentId();
    }

    public NodeHealth health() {
        return health;
    }
}
