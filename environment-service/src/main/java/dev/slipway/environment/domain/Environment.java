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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An environment of a project. Integration environments are git branches in a tree rooted at
 * {@code master} (ENV-2, ENV-4): they branch, merge, sync, activate, deactivate and are deleted.
 * Staging and Production are single, on branch {@code master}, refuse those operations (ENV-5) and
 * change only through tickets. While a git operation it asked for is under way an environment is
 * DIRTY and refuses other operations.
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

    @Column(name = "head_commit")
    private String headCommit;

    @Column(name = "deployed_commit")
    private String deployedCommit;

    @Column(name = "latest_deployment_id")
    private String latestDeploymentId;

    @Column(name = "latest_deployment_state")
    private String latestDeploymentState;

    @Column(name = "pending_activity_id")
    private UUID pendingActivityId;

    /** Production's live domains after GO_LIVE, comma-separated. */
    @Column(name = "live_domains")
    private String liveDomains;

    @Column(name = "approved_config_digest")
    private String approvedConfigDigest;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Environment() {
    }

    private Environment(String projectId, String id, String title, EnvironmentType type, EnvironmentStatus status,
            String branch, String parentId, Instant now) {
        this.key = new Key(projectId, id);
        this.title = title;
        this.type = type;
        this.status = status;
        this.branch = branch;
        this.parentId = parentId;
        this.createdAt = now;
        this.updatedAt = now;
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

    /**
     * ENV-4 branch: a child of this environment on a new branch from this head. It is DIRTY until
     * the git host created the branch; the caller has checked ENV-3.
     */
    public Environment branch(BranchName name, String childTitle, UUID activityId, Instant now) {
        requireIntegration("branch");
        if (!isActive()) {
            throw new DomainException("ENV-4", 409, "parent-not-active", "Only an active environment can be branched; '" + id() + "' is " + status + ".");
        }
        requireIdle();
        Environment child = new Environment(projectId(), name.environmentId(),
                childTitle == null || childTitle.isBlank() ? name.value() : childTitle.strip(),
                EnvironmentType.INTEGRATION, EnvironmentStatus.DIRTY, name.value(), id(), now);
        child.headCommit = headCommit;
        child.pendingActivityId = activityId;
        return child;
    }

    /**
     * SSH-4: a push created {@code branch}; its environment is a child of master, ACTIVE when ENV-3
     * leaves room (the caller decides), else INACTIVE.
     */
    public static Environment pushed(String projectId, BranchName name, boolean active, String head, Instant now) {
        Environment environment = new Environment(projectId, name.environmentId(), name.value(), EnvironmentType.INTEGRATION,
                active ? EnvironmentStatus.ACTIVE : EnvironmentStatus.INACTIVE, name.value(), Project.MASTER, now);
        environment.headCommit = head;
        return environment;
    }

    /** ENV-4 activate: only INACTIVE; the caller has checked ENV-3. */
    public void activate(Instant now) {
        requireIntegration("activate");
        if (status != EnvironmentStatus.INACTIVE) {
            throw new DomainException("ENV-4", 409, "environment-active", "Active environments cannot be activated");
        }
        changeStatus(EnvironmentStatus.ACTIVE, now);
    }

    /** ENV-4 deactivate: only ACTIVE, never master. */
    public void deactivate(Instant now) {
        requireIntegration("deactivate");
        requireNotMaster("deactivated");
        requireIdle();
        if (!isActive()) {
            throw new DomainException("ENV-4", 409, "environment-inactive", "Inactive environments cannot be deactivated");
        }
        changeStatus(EnvironmentStatus.INACTIVE, now);
    }

    /** ENV-4 delete: only INACTIVE, never master. DELETING until the git host deleted the branch. */
    public void startDeleting(UUID activityId, Instant now) {
        requireIntegration("delete");
        requireNotMaster("deleted");
        if (status != EnvironmentStatus.INACTIVE) {
            throw new DomainException("ENV-4", 409, "environment-active",
                    status == EnvironmentStatus.DELETING ? "The environment is already being deleted." : "Active environments cannot be deleted");
        }
        pendingActivityId = activityId;
        changeStatus(EnvironmentStatus.DELETING, now);
    }

    /** A failed branch deletion leaves the environment as it was. */
    public void deletionFailed(Instant now) {
        pendingActivityId = null;
        changeStatus(EnvironmentStatus.INACTIVE, now);
    }

    /** ENV-4 merge: this environment's branch into its parent's. */
    public void startMerge(UUID activityId, Instant now) {
        requireIntegration("merge");
        if (parentId == null) {
            throw new DomainException("ENV-4", 409, "no-parent", "The environment does not have a parent, so it cannot be merged");
        }
        startGitOperation("merge", activityId, now);
    }

    /** ENV-4 sync of code: the parent's branch into this one. */
    public void startSync(UUID activityId, Instant now) {
        requireIntegration("sync");
        if (parentId == null) {
            throw new DomainException("ENV-4", 409, "no-parent", "The environment does not have a parent, so it cannot be synchronized");
        }
        startGitOperation("sync", activityId, now);
    }

    /** ENV-4 sync of data only, and redeploy: need an active environment and no operation under way. */
    public void requireDeployable(String operation) {
        requireIntegration(operation);
        requireIdle();
        if (!isActive()) {
            throw new DomainException("ENV-4", 409, "environment-inactive", "Inactive environments cannot be " + pastTense(operation) + ".");
        }
    }

    private void startGitOperation(String operation, UUID activityId, Instant now) {
        requireDeployable(operation);
        pendingActivityId = activityId;
        settleStatus(now);
    }

    /** The git host finished the operation {@code activityId}; the branch's head is now {@code head}. */
    public void gitOperationFinished(UUID activityId, String head, Instant now) {
        if (head != null) {
            headCommit = head;
        }
        if (activityId.equals(pendingActivityId)) {
            pendingActivityId = null;
        }
        settleStatus(now);
    }

    /** ENV-8: deployment-service started a deployment here. */
    public void deploymentStarted(String deploymentId, Instant now) {
        latestDeploymentId = deploymentId;
        latestDeploymentState = "RUNNING";
        settleStatus(now);
    }

    /** ENV-8: a deployment ended; on success {@code commit} is what now runs. Reports of older deployments change nothing. */
    public void deploymentFinished(String deploymentId, boolean succeeded, String commit, Instant now) {
        if (latestDeploymentId != null && !latestDeploymentId.equals(deploymentId) && "RUNNING".equals(latestDeploymentState)) {
            return;
        }
        latestDeploymentId = deploymentId;
        latestDeploymentState = succeeded ? "SUCCEEDED" : "FAILED";
        if (succeeded && commit != null) {
            deployedCommit = commit;
        }
        settleStatus(now);
    }

    /** GO_LIVE: Production answers on its live domains (ENV-7). */
    public void goLive(java.util.List<String> domains, Instant now) {
        if (type != EnvironmentType.PRODUCTION) {
            throw new DomainException("TKT-2", 422, "production-only", "GO_LIVE applies to Production only.");
        }
        liveDomains = String.join(",", domains);
        updatedAt = now;
    }

    /** CFG-3: a DEPLOYMENT_SETTINGS ticket approved this configuration digest. */
    public void approveConfigDigest(String digest, Instant now) {
        approvedConfigDigest = digest;
        updatedAt = now;
    }

    /** ENV-8: an active environment is DIRTY while a git operation or a deployment is under way. */
    private void settleStatus(Instant now) {
        if (isActive()) {
            boolean busy = pendingActivityId != null || "RUNNING".equals(latestDeploymentState);
            changeStatus(busy ? EnvironmentStatus.DIRTY : EnvironmentStatus.ACTIVE, now);
        } else {
            updatedAt = now;
        }
    }

    /** The branch moved (a push or a merge into it). */
    public void headMoved(String head, Instant now) {
        headCommit = head;
        updatedAt = now;
    }

    /** ENV-5: Staging and Production refuse the operations of Integration environments. */
    public void requireIntegration(String operation) {
        if (type != EnvironmentType.INTEGRATION) {
            String tier = type == EnvironmentType.STAGING ? "Staging" : "Production";
            throw new DomainException("ENV-5", 409, "operation-not-available",
                    "The " + operation + " operation is not available on " + tier + " environments; they change only through support tickets.");
        }
    }

    /** ENV-5: settings of Staging and Production are written only by approved tickets. */
    public void requireSelfServiceSettings() {
        if (type != EnvironmentType.INTEGRATION) {
            String tier = type == EnvironmentType.STAGING ? "Staging" : "Production";
            throw new DomainException("ENV-5", 403, "ticket-required",
                    tier + " settings change only through an approved support ticket: open a DEPLOYMENT_SETTINGS ticket.");
        }
    }

    public void reparentTo(String newParentId, Instant now) {
        parentId = newParentId;
        updatedAt = now;
    }

    private void requireIdle() {
        if (pendingActivityId != null) {
            throw operationInProgress();
        }
    }

    private void requireNotMaster(String pastTense) {
        if (Project.MASTER.equals(id())) {
            throw new DomainException("ENV-4", 409, "master-environment", "The master environment cannot be " + pastTense + ".");
        }
    }

    private DomainException operationInProgress() {
        return new DomainException("ENV-8", 409, "operation-in-progress",
                "Another operation is in progress on environment '" + id() + "' (activity " + pendingActivityId + ").");
    }

    private void changeStatus(EnvironmentStatus next, Instant now) {
        status = next;
        updatedAt = now;
    }

    private static String pastTense(String operation) {
        return switch (operation) {
            case "sync" -> "synchronized";
            case "redeploy" -> "redeployed";
            case "merge" -> "merged";
            default -> operation + "d";
        };
    }

    /** ENV-3 counts ACTIVE and DIRTY Integration environments. */
    public boolean isActive() {
        return status == EnvironmentStatus.ACTIVE || status == EnvironmentStatus.DIRTY;
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

    public String headCommit() {
        return headCommit;
    }

    public String deployedCommit() {
        return deployedCommit;
    }

    public String latestDeploymentId() {
        return latestDeploymentId;
    }

    public String latestDeploymentState() {
        return latestDeploymentState;
    }

    public UUID pendingActivityId() {
        return pendingActivityId;
    }

    public List<String> liveDomains() {
        return liveDomains == null || liveDomains.isBlank() ? List.of() : Arrays.asList(liveDomains.split(","));
    }

    public String approvedConfigDigest() {
        return approvedConfigDigest;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
