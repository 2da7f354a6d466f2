package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.HostNames;
import dev.slipway.platform.domain.Refusal;
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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An environment of a project. Integration environments are git branches in a tree rooted at
 * {@code master} (ENV-2, ENV-4): they branch, merge, sync, activate, deactivate and are deleted.
 * Staging and Production are single, on branch {@code master}, refuse those operations (ENV-5) and
 * change only through tickets. While a git operation it asked for is under way an environment is
 * DIRTY and refuses other operations; a deployment deployment-service reports running also makes
 * it DIRTY (ENV-8) but blocks nothing, since deployment-service queues deployments (DEP-3).
 */
@Entity
@Table(name = "environment")
public class Environment {

    /** CFG-3: a configuration digest as deployment-service computes and names it: {@code sha256:} and 64 lowercase hex digits. */
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

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

    @Enumerated(EnumType.STRING)
    @Column(name = "latest_deployment_state")
    private DeploymentState latestDeploymentState;

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
        return new Environment(project.id(), type.name().toLowerCase(Locale.ROOT), type.label(), type, EnvironmentStatus.ACTIVE,
                Project.MASTER, null, now);
    }

    /**
     * ENV-4 branch: a child of this environment on a new branch from this head. It is DIRTY until
     * the git host created the branch; the caller has checked ENV-3.
     */
    public Environment branch(BranchName name, String childTitle, UUID activityId, Instant now) {
        Refusal.raise(refusalOf(EnvironmentOperation.BRANCH));
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
        Refusal.raise(refusalOf(EnvironmentOperation.ACTIVATE));
        changeStatus(EnvironmentStatus.ACTIVE, now);
    }

    /** ENV-4 deactivate: only ACTIVE, never master. */
    public void deactivate(Instant now) {
        Refusal.raise(refusalOf(EnvironmentOperation.DEACTIVATE));
        changeStatus(EnvironmentStatus.INACTIVE, now);
    }

    /** ENV-4 delete: only INACTIVE, never master. DELETING until the git host deleted the branch. */
    public void startDeleting(UUID activityId, Instant now) {
        Refusal.raise(refusalOf(EnvironmentOperation.DELETE));
        pendingActivityId = activityId;
        changeStatus(EnvironmentStatus.DELETING, now);
    }

    /** A failed branch deletion leaves the environment as it was. */
    public void deletionFailed(Instant now) {
        pendingActivityId = null;
        changeStatus(EnvironmentStatus.INACTIVE, now);
    }

    /** ENV-4 merge: this environment's branch into its parent's; DIRTY until the git host answers. */
    public void startMerge(UUID activityId, Instant now) {
        Refusal.raise(refusalOf(EnvironmentOperation.MERGE));
        startGitOperation(activityId, now);
    }

    /**
     * ENV-4 sync: at least one of code and data. Code merges the parent's branch into this one
     * (DIRTY until the git host answers); data alone only needs a deployment that copies the
     * parent's data.
     */
    public void startSync(boolean code, boolean data, UUID activityId, Instant now) {
        if (!code && !data) {
            throw new DomainException("ENV-4", 400, "nothing-to-synchronize", "Nothing to synchronize: you must specify data or code");
        }
        Refusal.raise(refusalOf(EnvironmentOperation.SYNC));
        if (code) {
            startGitOperation(activityId, now);
        }
    }

    /**
     * ENV-4 redeploy asked through the API; DEP-6: Staging and Production deploy only from an
     * approved DEPLOY ticket or a push to their tier remote, so there it takes a ticket.
     */
    public void requireRedeployable() {
        Refusal.raise(refusalOf(EnvironmentOperation.REDEPLOY));
    }

    /** ENV-4 redeploy: an active Integration environment with no operation under way. */
    public void requireDeployable(EnvironmentOperation operation) {
        Refusal.raise(deployableRefusal(operation));
    }

    /**
     * Why {@code operation} cannot start on this environment as it is now (ENV-4, ENV-5, ENV-8,
     * DEP-1, DEP-6). The operations raise it; views show it, so that a frontend disables what the
     * API would refuse and says why. ENV-3's count and the caller's role are the project's and the
     * request's to add.
     */
    public Optional<Refusal> refusalOf(EnvironmentOperation operation) {
        return switch (operation) {
            case BRANCH -> first(integrationRefusal(operation), isActive() ? Optional.empty() : Refusal.of("ENV-4", 409, "parent-not-active",
                    "Only an active environment can be branched; '" + id() + "' is " + status + "."), idleRefusal());
            case MERGE, SYNC -> first(integrationRefusal(operation), parentRefusal(operation), deployableRefusal(operation));
            case ACTIVATE -> first(integrationRefusal(operation), status == EnvironmentStatus.INACTIVE ? Optional.empty()
                    : Refusal.of("ENV-4", 409, "environment-active", "Active environments cannot be activated"));
            case DEACTIVATE -> first(integrationRefusal(operation), notMasterRefusal(operation), idleRefusal(), isActive() ? Optional.empty()
                    : Refusal.of("ENV-4", 409, "environment-inactive", "Inactive environments cannot be deactivated"));
            case DELETE -> first(integrationRefusal(operation), notMasterRefusal(operation), status == EnvironmentStatus.INACTIVE ? Optional.empty()
                    : Refusal.of("ENV-4", 409, "environment-active",
                            status == EnvironmentStatus.DELETING ? "The environment is already being deleted." : "Active environments cannot be deleted"));
            case REDEPLOY -> first(type.isSelfService() ? Optional.empty() : Refusal.of("DEP-6", 403, "ticket-required", type.label()
                    + " deploys only from an approved DEPLOY ticket or a push to its tier remote by a granted key: open a DEPLOY ticket."),
                    deployableRefusal(operation), headCommit != null ? Optional.empty()
                            : Refusal.of("DEP-1", 409, "nothing-to-deploy", "Branch " + branch + " has no commit yet: push one first."));
            case PUSH -> Optional.empty();
        };
    }

    @SafeVarargs
    private static Optional<Refusal> first(Optional<Refusal>... refusals) {
        return Arrays.stream(refusals).flatMap(Optional::stream).findFirst();
    }

    private Optional<Refusal> deployableRefusal(EnvironmentOperation operation) {
        return first(integrationRefusal(operation), idleRefusal(), isActive() ? Optional.empty()
                : Refusal.of("ENV-4", 409, "environment-inactive", "Inactive environments cannot be " + operation.pastTense() + "."));
    }

    private void startGitOperation(UUID activityId, Instant now) {
        pendingActivityId = activityId;
        settleStatus(now);
    }

    /** The git host finished the operation {@code activityId}; the branch's head is now {@code head} (null: unchanged). */
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
        latestDeploymentState = DeploymentState.RUNNING;
        settleStatus(now);
    }

    /**
     * ENV-8: a deployment ended; on success {@code commit} is what now runs. The report of an older
     * deployment that arrives while a newer one runs changes nothing; a repeated report changes
     * nothing more than the first.
     */
    public void deploymentFinished(String deploymentId, boolean succeeded, String commit, Instant now) {
        if (latestDeploymentId != null && !latestDeploymentId.equals(deploymentId) && latestDeploymentState == DeploymentState.RUNNING) {
            return;
        }
        latestDeploymentId = deploymentId;
        latestDeploymentState = succeeded ? DeploymentState.SUCCEEDED : DeploymentState.FAILED;
        if (succeeded && commit != null) {
            deployedCommit = commit;
        }
        settleStatus(now);
    }

    /**
     * DEP-3: a deployment was cancelled. Only the one this environment runs changes it (it stops being
     * DIRTY, ENV-8); one cancelled while still queued never started here.
     */
    public void deploymentCancelled(String deploymentId, Instant now) {
        if (latestDeploymentId == null || !latestDeploymentId.equals(deploymentId) || latestDeploymentState != DeploymentState.RUNNING) {
            return;
        }
        latestDeploymentState = DeploymentState.CANCELLED;
        settleStatus(now);
    }

    /** Why GO_LIVE with {@code domains} cannot apply here, if it cannot (TKT-2: Production only; ENV-7: host names). */
    public Optional<Refusal> goLiveRefusal(List<String> domains) {
        if (type != EnvironmentType.PRODUCTION) {
            return Refusal.of("TKT-2", 422, "production-only", "GO_LIVE applies to Production only.");
        }
        if (domains == null || domains.isEmpty()) {
            return Refusal.of("TKT-1", 422, "invalid-domain", "GO_LIVE needs at least one domain.");
        }
        for (String domain : domains) {
            if (domain == null || !HostNames.isHostName(domain.strip())) {
                return Refusal.of("TKT-1", 422, "invalid-domain", "'" + domain + "' is not a domain name.");
            }
        }
        return Optional.empty();
    }

    /** GO_LIVE: Production answers on its live domains (ENV-7). */
    public void goLive(List<String> domains, Instant now) {
        Refusal.raise(goLiveRefusal(domains));
        liveDomains = String.join(",", domains.stream().map(String::strip).toList());
        updatedAt = now;
    }

    /** Why this configuration digest cannot be approved here, if it cannot (CFG-3). */
    public Optional<Refusal> configApprovalRefusal(String digest) {
        if (type.isSelfService()) {
            return Refusal.of("CFG-3", 422, "self-service", "Integration environments are self-service: they keep no approved configuration digest.");
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return Refusal.of("CFG-3", 422, "invalid-digest", "approveConfigDigest is not a configuration digest ('sha256:' and 64 lowercase hex digits, as VALIDATE names it).");
        }
        return Optional.empty();
    }

    /** CFG-3: a DEPLOYMENT_SETTINGS ticket approved this configuration digest. */
    public void approveConfigDigest(String digest, Instant now) {
        Refusal.raise(configApprovalRefusal(digest));
        approvedConfigDigest = digest;
        updatedAt = now;
    }

    /** ENV-8: an active environment is DIRTY while a git operation or a deployment is under way. */
    private void settleStatus(Instant now) {
        if (isActive()) {
            boolean busy = pendingActivityId != null || latestDeploymentState == DeploymentState.RUNNING;
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
    public void requireIntegration(EnvironmentOperation operation) {
        Refusal.raise(integrationRefusal(operation));
    }

    private Optional<Refusal> integrationRefusal(EnvironmentOperation operation) {
        return type.isSelfService() ? Optional.empty() : Refusal.of("ENV-5", 409, "operation-not-available",
                "The " + operation.verb() + " operation is not available on " + type.label() + " environments; they change only through support tickets.");
    }

    /** ENV-5: settings of Staging and Production are written only by approved tickets. */
    public void requireSelfServiceSettings() {
        if (!type.isSelfService()) {
            throw new DomainException("ENV-5", 403, "ticket-required",
                    type.label() + " settings change only through an approved support ticket: open a DEPLOYMENT_SETTINGS ticket.");
        }
    }

    /**
     * VAR-4: a variable change redeploys an active Integration environment at once; others wait for
     * their next deployment, and so does a branch with no commit yet (DEP-1: nothing to deploy).
     */
    public boolean redeploysOnVariableChange() {
        return type.isSelfService() && isActive() && headCommit != null;
    }

    /** Children of a deleted environment move up to its parent: they keep a place in the tree. */
    public void reparentTo(String newParentId, Instant now) {
        parentId = newParentId;
        updatedAt = now;
    }

    private Optional<Refusal> parentRefusal(EnvironmentOperation operation) {
        return parentId != null ? Optional.empty()
                : Refusal.of("ENV-4", 409, "no-parent", "The environment does not have a parent, so it cannot be " + operation.pastTense());
    }

    private Optional<Refusal> idleRefusal() {
        return pendingActivityId == null ? Optional.empty() : Refusal.of("ENV-8", 409, "operation-in-progress",
                "Another operation is in progress on environment '" + id() + "' (activity " + pendingActivityId + ").");
    }

    private Optional<Refusal> notMasterRefusal(EnvironmentOperation operation) {
        return !isMaster() ? Optional.empty()
                : Refusal.of("ENV-4", 409, "master-environment", "The master environment cannot be " + operation.pastTense() + ".");
    }

    private void changeStatus(EnvironmentStatus next, Instant now) {
        status = next;
        updatedAt = now;
    }

    /** ENV-3 counts ACTIVE and DIRTY Integration environments. */
    public boolean isActive() {
        return status.isActive();
    }

    /** ENV-1: the root of the tree. */
    public boolean isMaster() {
        return type.isSelfService() && Project.MASTER.equals(id());
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

    public DeploymentState latestDeploymentState() {
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
