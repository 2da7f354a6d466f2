package dev.slipway.gateway.git;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A project's bare repository on the gateway's disk (SSH-4). */
@Entity
@Table(name = "git_repository")
public class GitRepository {

    @Id
    @Column(name = "project_id")
    public String projectId;

    /** Directory name under the git root, {@code <project>.git}. */
    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "default_branch", nullable = false)
    public String defaultBranch;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
