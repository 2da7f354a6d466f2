package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ENV-4, ENV-5 and ENV-8 on the environment alone: which operations it allows, and its status after each. */
class EnvironmentTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private Environment master;
    private Environment staging;
    private Environment production;

    @BeforeEach
    void newProject() {
        List<Environment> environments = Project.create(new ProjectId("shop"), null, "alice", null, NOW).environments();
        master = environments.get(0);
        staging = environments.get(1);
        production = environments.get(2);
        master.headMoved("c0ffee", NOW);
    }

    private Environment activeChild(String name) {
        UUID activity = UUID.randomUUID();
        Environment child = master.branch(new BranchName(name), null, activity, NOW);
        child.gitOperationFinished(activity, "c0ffee", NOW);
        return child;
    }

    private static void refused(ThrowingCallable operation, String rule, int status, String slug, String detail) {
        assertThatThrownBy(operation).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.rule()).isEqualTo(rule);
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.slug()).isEqualTo(slug);
            assertThat(refusal.getMessage()).contains(detail);
        });
    }

    @Test
    void aBranchStartsDirtyFromItsParentsHeadAndIsActiveOnceTheGitHostCreatedIt() {
        UUID activity = UUID.randomUUID();
        Environment child = master.branch(new BranchName("feature/x"), "  Feature X ", activity, NOW);
        assertThat(child.id()).isEqualTo("feature-x");
        assertThat(child.title()).isEqualTo("Feature X");
        assertThat(child.parentId()).isEqualTo("master");
        assertThat(child.headCommit()).isEqualTo("c0ffee");
        assertThat(child.status()).isEqualTo(EnvironmentStatus.DIRTY);
        assertThat(child.isActive()).as("DIRTY counts against ENV-3").isTrue();
        child.gitOperationFinished(UUID.randomUUID(), null, NOW);
        assertThat(child.status()).as("another activity's answer changes nothing").isEqualTo(EnvironmentStatus.DIRTY);
        child.gitOperationFinished(activity, "beef", NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(child.headCommit()).isEqualTo("beef");
    }

    @Test
    void anEnvironmentWithAGitOperationUnderWayRefusesOthers() {
        Environment child = activeChild("busy");
        child.startMerge(UUID.randomUUID(), NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.DIRTY);
        refused(() -> child.branch(new BranchName("grandchild"), null, UUID.randomUUID(), NOW), "ENV-8", 409, "operation-in-progress", "busy");
        refused(() -> child.startSync(true, false, UUID.randomUUID(), NOW), "ENV-8", 409, "operation-in-progress", "activity");
        refused(() -> child.deactivate(NOW), "ENV-8", 409, "operation-in-progress", "activity");
        refused(() -> child.requireDeployable(EnvironmentOperation.REDEPLOY), "ENV-8", 409, "operation-in-progress", "activity");
    }

    @Test
    void stagingAndProductionRefuseEveryIntegrationOperationNamingTheirTier() {
        for (Environment tier : List.of(staging, production)) {
            String label = tier == staging ? "Staging" : "Production";
            refused(() -> tier.branch(new BranchName("x"), null, UUID.randomUUID(), NOW), "ENV-5", 409, "operation-not-available", label);
            refused(() -> tier.startMerge(UUID.randomUUID(), NOW), "ENV-5", 409, "operation-not-available", "merge operation");
            refused(() -> tier.startSync(true, true, UUID.randomUUID(), NOW), "ENV-5", 409, "operation-not-available", "sync operation");
            refused(() -> tier.activate(NOW), "ENV-5", 409, "operation-not-available", label);
            refused(() -> tier.deactivate(NOW), "ENV-5", 409, "operation-not-available", label);
            refused(() -> tier.startDeleting(UUID.randomUUID(), NOW), "ENV-5", 409, "operation-not-available", label);
            refused(() -> tier.requireDeployable(EnvironmentOperation.REDEPLOY), "ENV-5", 409, "operation-not-available", "redeploy");
            refused(tier::requireRedeployable, "DEP-6", 403, "ticket-required", "DEPLOY ticket");
            refused(tier::requireSelfServiceSettings, "ENV-5", 403, "ticket-required", "DEPLOYMENT_SETTINGS");
            assertThat(tier.redeploysOnVariableChange()).isFalse();
        }
    }

    @Test
    void aBranchWithNoCommitYetHasNothingToRedeploy() {
        Environment empty = Project.create(new ProjectId("empty"), null, "alice", null, NOW).environments().get(0);
        refused(empty::requireRedeployable, "DEP-1", 409, "nothing-to-deploy", "Branch master has no commit yet");
        assertThat(empty.redeploysOnVariableChange()).isFalse();
        empty.headMoved("c0ffee", NOW);
        empty.requireRedeployable();
        assertThat(empty.redeploysOnVariableChange()).isTrue();
    }

    @Test
    void onlyAnActiveIntegrationEnvironmentCanBeBranched() {
        Environment child = activeChild("parent");
        child.deactivate(NOW);
        refused(() -> child.branch(new BranchName("x"), null, UUID.randomUUID(), NOW), "ENV-4", 409, "parent-not-active", "INACTIVE");
    }

    @Test
    void mergeAndSyncNeedAParent() {
        refused(() -> master.startMerge(UUID.randomUUID(), NOW), "ENV-4", 409, "no-parent",
                "The environment does not have a parent, so it cannot be merged");
        refused(() -> master.startSync(true, false, UUID.randomUUID(), NOW), "ENV-4", 409, "no-parent",
                "The environment does not have a parent, so it cannot be synchronized");
        refused(() -> master.startSync(false, true, UUID.randomUUID(), NOW), "ENV-4", 409, "no-parent", "cannot be synchronized");
    }

    @Test
    void syncNeedsCodeOrDataAndOnlyCodeWaitsForTheGitHost() {
        Environment child = activeChild("child");
        refused(() -> child.startSync(false, false, UUID.randomUUID(), NOW), "ENV-4", 400, "nothing-to-synchronize",
                "Nothing to synchronize: you must specify data or code");
        child.startSync(false, true, UUID.randomUUID(), NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        UUID activity = UUID.randomUUID();
        child.startSync(true, true, activity, NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.DIRTY);
        assertThat(child.pendingActivityId()).isEqualTo(activity);
    }

    @Test
    void inactiveEnvironmentsCannotBeSynchronizedMergedOrRedeployed() {
        Environment child = activeChild("child");
        child.deactivate(NOW);
        refused(() -> child.startSync(false, true, UUID.randomUUID(), NOW), "ENV-4", 409, "environment-inactive",
                "Inactive environments cannot be synchronized.");
        refused(() -> child.startMerge(UUID.randomUUID(), NOW), "ENV-4", 409, "environment-inactive", "cannot be merged.");
        refused(() -> child.requireDeployable(EnvironmentOperation.REDEPLOY), "ENV-4", 409, "environment-inactive", "cannot be redeployed.");
        assertThat(child.redeploysOnVariableChange()).isFalse();
    }

    @Test
    void activateAndDeactivateFollowTheStatus() {
        refused(() -> master.activate(NOW), "ENV-4", 409, "environment-active", "Active environments cannot be activated");
        refused(() -> master.deactivate(NOW), "ENV-4", 409, "master-environment", "The master environment cannot be deactivated.");
        Environment child = activeChild("toggle");
        child.deactivate(NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.INACTIVE);
        refused(() -> child.deactivate(NOW), "ENV-4", 409, "environment-inactive", "Inactive environments cannot be deactivated");
        child.activate(NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(child.redeploysOnVariableChange()).isTrue();
    }

    @Test
    void onlyAnInactiveEnvironmentOtherThanMasterCanBeDeleted() {
        refused(() -> master.startDeleting(UUID.randomUUID(), NOW), "ENV-4", 409, "master-environment", "The master environment cannot be deleted.");
        Environment child = activeChild("old");
        refused(() -> child.startDeleting(UUID.randomUUID(), NOW), "ENV-4", 409, "environment-active", "Active environments cannot be deleted");
        child.deactivate(NOW);
        child.startDeleting(UUID.randomUUID(), NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.DELETING);
        assertThat(child.isActive()).isFalse();
        refused(() -> child.startDeleting(UUID.randomUUID(), NOW), "ENV-4", 409, "environment-active", "already being deleted");
        refused(() -> child.activate(NOW), "ENV-4", 409, "environment-active", "Active environments cannot be activated");
        child.deletionFailed(NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.INACTIVE);
        assertThat(child.pendingActivityId()).isNull();
    }

    @Test
    void aRunningDeploymentMakesTheEnvironmentDirtyUntilItEnds() {
        master.deploymentStarted("d1", NOW);
        assertThat(master.status()).isEqualTo(EnvironmentStatus.DIRTY);
        assertThat(master.latestDeploymentState()).isEqualTo(DeploymentState.RUNNING);
        master.requireDeployable(EnvironmentOperation.REDEPLOY);
        master.deploymentFinished("d1", true, "c0ffee", NOW);
        assertThat(master.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(master.deployedCommit()).isEqualTo("c0ffee");
        assertThat(master.latestDeploymentState()).isEqualTo(DeploymentState.SUCCEEDED);
    }

    @Test
    void aFailedDeploymentKeepsTheDeployedCommit() {
        master.deploymentStarted("d1", NOW);
        master.deploymentFinished("d1", true, "one", NOW);
        master.deploymentStarted("d2", NOW);
        master.deploymentFinished("d2", false, "two", NOW);
        assertThat(master.deployedCommit()).isEqualTo("one");
        assertThat(master.latestDeploymentId()).isEqualTo("d2");
        assertThat(master.latestDeploymentState()).isEqualTo(DeploymentState.FAILED);
        assertThat(master.status()).isEqualTo(EnvironmentStatus.ACTIVE);
    }

    @Test
    void theReportOfAnOlderDeploymentWhileANewerRunsChangesNothing() {
        master.deploymentStarted("old", NOW);
        master.deploymentStarted("new", NOW);
        master.deploymentFinished("old", true, "stale", NOW);
        assertThat(master.latestDeploymentId()).isEqualTo("new");
        assertThat(master.latestDeploymentState()).isEqualTo(DeploymentState.RUNNING);
        assertThat(master.deployedCommit()).isNull();
        assertThat(master.status()).isEqualTo(EnvironmentStatus.DIRTY);
    }

    @Test
    void aRepeatedReportChangesNothingMore() {
        master.deploymentStarted("d1", NOW);
        master.deploymentFinished("d1", true, "c0ffee", NOW);
        master.deploymentFinished("d1", true, "c0ffee", NOW);
        assertThat(master.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(master.deployedCommit()).isEqualTo("c0ffee");
        assertThat(master.latestDeploymentState()).isEqualTo(DeploymentState.SUCCEEDED);
    }

    @Test
    void aDeploymentEndingWhileAGitOperationRunsLeavesTheEnvironmentDirty() {
        Environment child = activeChild("both");
        UUID merge = UUID.randomUUID();
        child.startMerge(merge, NOW);
        child.deploymentStarted("d1", NOW);
        child.deploymentFinished("d1", true, "c0ffee", NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.DIRTY);
        child.gitOperationFinished(merge, null, NOW);
        assertThat(child.status()).isEqualTo(EnvironmentStatus.ACTIVE);
    }

    @Test
    void goLiveIsForProductionWithHostNames() {
        assertThat(staging.goLiveRefusal(List.of("shop.example.com"))).get().extracting("rule", "slug").containsExactly("TKT-2", "production-only");
        assertThat(production.goLiveRefusal(List.of())).get().extracting("slug").isEqualTo("invalid-domain");
        assertThat(production.goLiveRefusal(List.of("shop.example.com", "not a domain"))).get()
                .extracting("detail").asString().contains("'not a domain' is not a domain name");
        assertThat(production.goLiveRefusal(List.of("localhost"))).isPresent();
        production.goLive(List.of(" shop.example.com ", "www.example.com"), NOW);
        assertThat(production.liveDomains()).containsExactly("shop.example.com", "www.example.com");
        assertThatThrownBy(() -> staging.goLive(List.of("shop.example.com"), NOW)).isInstanceOf(DomainException.class);
    }

    @Test
    void onlyAShaDigestIsApprovedAndOnlyOnStagingOrProduction() {
        String digest = "sha256:" + "a".repeat(64);
        assertThat(master.configApprovalRefusal(digest)).isPresent();
        assertThat(staging.configApprovalRefusal("not-a-digest")).get().extracting("slug").isEqualTo("invalid-digest");
        assertThat(staging.configApprovalRefusal("A".repeat(64))).isPresent();
        // The bare hex was accepted once, so deployment-service's approval and this one disagreed on the same ticket.
        assertThat(staging.configApprovalRefusal("a".repeat(64))).as("digests are named as VALIDATE names them").isPresent();
        staging.approveConfigDigest(digest, NOW);
        assertThat(staging.approvedConfigDigest()).isEqualTo(digest);
    }

    @Test
    void aPushedBranchIsAChildOfMasterActiveOnlyWithRoom() {
        Environment active = Environment.pushed("shop", new BranchName("feature/a"), true, "1111", NOW);
        Environment inactive = Environment.pushed("shop", new BranchName("feature/b"), false, "2222", NOW);
        assertThat(active.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(inactive.status()).isEqualTo(EnvironmentStatus.INACTIVE);
        assertThat(active.parentId()).isEqualTo("master");
        assertThat(inactive.headCommit()).isEqualTo("2222");
    }
}
