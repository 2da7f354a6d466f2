package dev.slipway.ticket.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.ticket.clients.GitHost;
import java.time.Instant;
import java.util.List;

/**
 * What approving a ticket would change, as the approver sees it (computed when the ticket is
 * opened, refreshed on each read until it is decided). Only the part of the ticket's type is set.
 * {@code unavailable} names the services that did not answer, whose parts are missing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketPreview(Instant computedAt, List<String> unavailable, Deploy deploy, Settings settings, SshKey sshKey, GoLive goLive) {

    /**
     * DEPLOY: the target's current commit and the new one, the commits and paths between them, DEP-5,
     * and CFG-3 (whether the configuration digest changes, and whether a DEPLOYMENT_SETTINGS ticket
     * must approve it first).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deploy(String currentCommit, String commit, boolean commitDefaulted, String sourceEnvironmentId, Promotion promotion,
            List<GitHost.CommitSummary> commits, Boolean commitsTruncated, List<GitHost.ChangedPath> changedPaths, Boolean changedPathsTruncated,
            Config config, boolean includeData) {
    }

    /** DEP-5 for the commit: whether it holds, and if not what VALIDATE will say. */
    public record Promotion(String rule, boolean holds, String detail) {
    }

    /** CFG-3 for a commit on the target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(String commit, String digest, String approvedDigest, boolean changes, boolean approvalNeeded, List<String> problems) {
    }

    /** DEPLOYMENT_SETTINGS: each variable change against the target's variables now; sensitive values are never shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(List<VariableDiff> variables, Config config) {
    }

    /** {@code change}: ADDED, CHANGED, UNCHANGED, REMOVED, or ABSENT (a DELETE of a variable that does not exist). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariableDiff(String name, String change, boolean sensitive, VariableState before, VariableState after) {
    }

    /** A variable's settings; {@code value} null when sensitive (VAR-2). */
    public record VariableState(String value, boolean json, boolean sensitive, boolean inheritable, boolean visibleBuild, boolean visibleRuntime,
            boolean enabled) {
    }

    /** ADD_SSH_KEY: the key the grant will let in (SSH-1, SSH-2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SshKey(String keyType, int bits, String fingerprint, String title, Instant expiresAt, String grantedTo, String environmentId) {
    }

    /** GO_LIVE: the domains Production will answer on, and those it answers on now (ENV-7). */
    public record GoLive(List<String> domains, List<String> currentDomains) {
    }
}
