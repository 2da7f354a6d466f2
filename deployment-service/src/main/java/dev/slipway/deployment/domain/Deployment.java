package dev.slipway.deployment.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.Refusal;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One commit going onto one environment (DEP-1), through QUEUED, RUNNING with its phase, and one of
 * SUCCEEDED, FAILED or CANCELLED (DEP-3). Only Staging's and Production's own triggers may queue
 * one there (DEP-6). A newer queued deployment of the environment supersedes older queued ones; a
 * failure names its phase, node and exit code (DEP-2). Finished deployments never change again.
 */
@Entity
@Table(name = "deployment")
public class Deployment {

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "environment_id", nullable = false)
    private String environmentId;

    private String branch;

    @Column(name = "commit_sha")
    private String commit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeploymentTrigger trigger;

    @Column(name = "trigger_key", unique = true)
    private String triggerKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeploymentState state;

    @Enumerated(EnumType.STRING)
    private DeploymentPhase phase;

    @Column(name = "data_from")
    private String dataFrom;

    @Column(name = "activity_id")
    private String activityId;

    @Column(name = "ticket_id")
    private String ticketId;

    @Column(name = "ticket_attempt")
    private Integer ticketAttempt;

    @Column(name = "requested_by")
    private String requestedBy;

    private String detail;

    @Column(name = "failed_node")
    private Integer failedNode;

    @Column(name = "exit_code")
    private Integer exitCode;

    @Column(name = "config_digest")
    private String configDigest;

    @Column(name = "superseded_by")
    private UUID supersededBy;

    @Column(name = "rollback_of")
    private UUID rollbackOf;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected Deployment() {
    }

    /** DEP-6: why the environment does not take this trigger, if it does not. */
    public static Optional<Refusal> refusalOf(DeploymentRequest request) {
        EnvironmentType type = EnvironmentType.ofEnvironmentId(request.environmentId());
        if (request.trigger().mayDeployTo(type)) {
            return Optional.empty();
        }
        return type.isSelfService()
                ? Refusal.of("DEP-6", 422, "trigger-not-applicable",
                        request.trigger() + " deploys only Staging and Production; Integration environments deploy from pushes and operations.")
                : Refusal.of("DEP-6", 403, "ticket-required", type.label()
                        + " deploys only from an approved DEPLOY ticket or a push to its tier remote by a granted key: open a DEPLOY ticket.");
    }

    /** DEP-1, DEP-6: a deployment waiting its turn; a trigger the environment does not take is refused. */
    public static Deployment queue(DeploymentRequest request, Instant now) {
        Refusal.raise(refusalOf(request));
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.projectId = request.projectId();
        deployment.environmentId = request.environmentId();
        deployment.branch = request.branch();
        deployment.commit = request.commit();
        deployment.trigger = request.trigger();
        deployment.triggerKey = request.triggerKey();
        deployment.dataFrom = request.dataFrom();
        deployment.activityId = request.activityId();
        if (request.ticket() != null) {
            deployment.ticketId = request.ticket().ticketId();
            deployment.ticketAttempt = request.ticket().attempt();
        }
        deployment.requestedBy = request.requestedBy();
        deployment.state = DeploymentState.QUEUED;
        deployment.queuedAt = now;
        return deployment;
    }

    /**
     * DEP-9: on Integration, this successful deployment's release goes back onto its environment
     * without a build; on Staging and Production that takes a DEPLOY ticket naming its commit.
     */
    public Deployment rollback(String by, Instant now) {
        if (state != DeploymentState.SUCCEEDED) {
            throw new DomainException("DEP-9", 409, "not-rollbackable",
                    "Only a SUCCEEDED deployment's release can be rolled back to; this one is " + state + ".");
        }
        if (!environmentType().isSelfService()) {
            throw new DomainException("DEP-9", 403, "ticket-required", environmentType().label()
                    + " rolls back only through an approved DEPLOY ticket: open one naming commit " + commit + ".");
        }
        Deployment rollback = queue(new DeploymentRequest(projectId, environmentId, branch, commit, DeploymentTrigger.ROLLBACK, null, null,
                null, null, by), now);
        rollback.rollbackOf = id;
        return rollback;
    }

    /** DEP-3: a newer queued deployment of the same environment takes this one's place; false when this one is past queueing. */
    public boolean supersedeBy(Deployment newer, Instant now) {
        if (state != DeploymentState.QUEUED || newer.id.equals(id)) {
            return false;
        }
        state = DeploymentState.CANCELLED;
        supersededBy = newer.id;
        detail = "superseded by " + newer.id;
        finishedAt = now;
        return true;
    }

    /** DEP-3: cancel works on QUEUED and RUNNING; a running one's hook is killed by the worker that runs it. */
    public void cancel(String by, Instant now) {
        if (!state.isCancellable()) {
            throw new DomainException("DEP-3", 409, "deployment-finished", "The deployment is " + state + " and can no longer be cancelled.");
        }
        state = DeploymentState.CANCELLED;
        detail = "cancelled by " + by + (phase == null ? "" : " during " + phase);
        finishedAt = now;
    }

    /** A worker claimed it: RUNNING, at VALIDATE (DEP-2). */
    public void start(Instant now) {
        requireState(DeploymentState.QUEUED, "start");
        state = DeploymentState.RUNNING;
        phase = DeploymentPhase.VALIDATE;
        startedAt = now;
    }

    /** DEP-2: phases only move forward. */
    public void enterPhase(DeploymentPhase next) {
        requireState(DeploymentState.RUNNING, "enter " + next);
        if (phase != null && next.ordinal() < phase.ordinal()) {
            throw new IllegalStateException("DEP-2: phase " + next + " cannot follow " + phase);
        }
        phase = next;
    }

    /** The commit VALIDATE resolved (the branch head, when the trigger named none). */
    public void resolveCommit(String sha) {
        requireState(DeploymentState.RUNNING, "resolve its commit");
        commit = sha;
    }

    /** CFG-3: the configuration digest VALIDATE computed for the commit. */
    public void validatedConfiguration(String digest) {
        requireState(DeploymentState.RUNNING, "record its configuration");
        configDigest = digest;
    }

    public String configDigest() {
        return configDigest;
    }

    public void succeed(Instant now) {
        requireState(DeploymentState.RUNNING, "succeed");
        state = DeploymentState.SUCCEEDED;
        finishedAt = now;
    }

    /** DEP-2: a failure names the phase, the node (per-node phases) and the exit code when a hook failed. */
    public void fail(String reason, Integer node, Integer exitCode, Instant now) {
        requireState(DeploymentState.RUNNING, "fail");
        state = DeploymentState.FAILED;
        failedNode = node;
        this.exitCode = exitCode;
        detail = phase + (node == null ? "" : " on node " + node) + " failed" + (exitCode == null ? "" : " with exit code " + exitCode)
                + ": " + reason;
        finishedAt = now;
    }

    /**
     * SEC-4: a service the deployment needs is away; it waits in the queue, where it was, and is
     * claimed again later instead of failing.
     */
    public void requeue() {
        requireState(DeploymentState.RUNNING, "wait in the queue");
        state = DeploymentState.QUEUED;
        phase = null;
        startedAt = null;
    }

    /**
     * DEP-3 crash safety: the instance running it died or restarted (its lease ran out, or it found
     * its own deployment RUNNING at start-up); whatever hook ran was killed, and the queue goes on.
     */
    public void interruptedByRestart(Instant now) {
        requireState(DeploymentState.RUNNING, "be interrupted");
        state = DeploymentState.FAILED;
        detail = "interrupted by restart" + (phase == null ? "" : " during " + phase);
        finishedAt = now;
    }

    private void requireState(DeploymentState expected, String action) {
        if (state != expected) {
            throw new DomainException("DEP-3", 409, "invalid-state", "A " + state + " deployment cannot " + action + ".");
        }
    }

    public EnvironmentType environmentType() {
        return EnvironmentType.ofEnvironmentId(environmentId);
    }

    public UUID id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String environmentId() {
        return environmentId;
    }

    public String branch() {
        return branch;
    }

    public String commit() {
        return commit;
    }

    public DeploymentTrigger trigger() {
        return trigger;
    }

    public String triggerKey() {
        return triggerKey;
    }

    public DeploymentState state() {
        return state;
    }

    public DeploymentPhase phase() {
        return phase;
    }

    public String dataFrom() {
        return dataFrom;
    }

    public String activityId() {
        return activityId;
    }

    public String ticketId() {
        return ticketId;
    }

    /** TKT-5: which approval of {@link #ticketId()} this deployment fulfils (1, then one more per retry); null without a ticket. */
    public Integer ticketAttempt() {
        return ticketAttempt;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String detail() {
        return detail;
    }

    public Integer failedNode() {
        return failedNode;
    }

    public Integer exitCode() {
        return exitCode;
    }

    public UUID supersededBy() {
        return supersededBy;
    }

    /** DEP-9: the deployment whose release a rollback puts back; null for every other trigger. */
    public UUID rollbackOf() {
        return rollbackOf;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public long version() {
        return version;
    }
}
