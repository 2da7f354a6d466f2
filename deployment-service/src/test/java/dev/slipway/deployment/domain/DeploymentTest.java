package dev.slipway.deployment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.domain.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DEP-2, DEP-3 and DEP-6 on the aggregate, without a database. */
class DeploymentTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Deployment queued(String environment, DeploymentTrigger trigger) {
        return Deployment.queue(new DeploymentRequest("acme", environment, "master", null, trigger, null, null, null, null, "bob"), NOW);
    }

    @ParameterizedTest(name = "{1} on {0}: {2}")
    @CsvSource({"master, PUSH, true", "feature, REDEPLOY, true", "master, TICKET, false", "staging, TICKET, true", "production, TIER_PUSH, true",
            "staging, REDEPLOY, false", "production, PUSH, false", "feature, TIER_PUSH, false"})
    void whichTriggersEachEnvironmentTakes(String environment, DeploymentTrigger trigger, boolean taken) {
        DeploymentRequest request = new DeploymentRequest("acme", environment, "master", null, trigger, null, null, null, null, "bob");
        assertThat(Deployment.refusalOf(request).isEmpty()).isEqualTo(taken);
        if (!taken && !environment.equals("master") && !environment.equals("feature")) {
            assertThatThrownBy(() -> Deployment.queue(request, NOW)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.rule()).isEqualTo("DEP-6");
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).contains("DEPLOY ticket");
            });
        }
    }

    @Test
    void aNewerQueuedDeploymentSupersedesAnOlderQueuedOneButNotARunningOne() {
        Deployment older = queued("master", DeploymentTrigger.PUSH);
        Deployment running = queued("master", DeploymentTrigger.PUSH);
        running.start(NOW);
        Deployment newer = queued("master", DeploymentTrigger.PUSH);
        assertThat(older.supersedeBy(newer, NOW)).isTrue();
        assertThat(older.state()).isEqualTo(DeploymentState.CANCELLED);
        assertThat(older.detail()).isEqualTo("superseded by " + newer.id());
        assertThat(running.supersedeBy(newer, NOW)).isFalse();
        assertThat(running.state()).isEqualTo(DeploymentState.RUNNING);
    }

    @Test
    void cancelWorksOnQueuedAndRunningOnly() {
        Deployment queued = queued("master", DeploymentTrigger.PUSH);
        queued.cancel("bob", NOW);
        assertThat(queued.state()).isEqualTo(DeploymentState.CANCELLED);
        Deployment running = queued("master", DeploymentTrigger.PUSH);
        running.start(NOW);
        running.enterPhase(DeploymentPhase.BUILD);
        running.cancel("bob", NOW);
        assertThat(running.detail()).isEqualTo("cancelled by bob during BUILD");
        assertThatThrownBy(() -> running.cancel("bob", NOW)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aFailureNamesPhaseNodeAndExitCode() {
        Deployment deployment = queued("production", DeploymentTrigger.TICKET);
        deployment.start(NOW);
        deployment.enterPhase(DeploymentPhase.DEPLOY);
        deployment.fail("hooks.deploy", 2, 3, NOW);
        assertThat(deployment.detail()).isEqualTo("DEPLOY on node 2 failed with exit code 3: hooks.deploy");
        assertThat(deployment.state()).isEqualTo(DeploymentState.FAILED);
        assertThatThrownBy(() -> deployment.succeed(NOW)).isInstanceOf(DomainException.class);
    }

    @Test
    void aTicketDeploymentKeepsTheApprovalItFulfilsAndOthersHaveNone() {
        Deployment retried = Deployment.queue(new DeploymentRequest("acme", "staging", "master", null, DeploymentTrigger.TICKET, null, null,
                null, new TicketApproval("T-7", 2), "carol"), NOW);
        assertThat(retried.ticketId()).isEqualTo("T-7");
        assertThat(retried.ticketAttempt()).isEqualTo(2);
        Deployment pushed = queued("master", DeploymentTrigger.PUSH);
        assertThat(pushed.ticketId()).isNull();
        assertThat(pushed.ticketAttempt()).isNull();
    }

    @Test
    void aTicketsApprovalsCountFromOne() {
        assertThatThrownBy(() -> new TicketApproval("T-7", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1");
        assertThatThrownBy(() -> new TicketApproval(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void phasesOnlyMoveForward() {
        Deployment deployment = queued("master", DeploymentTrigger.PUSH);
        deployment.start(NOW);
        assertThat(deployment.phase()).isEqualTo(DeploymentPhase.VALIDATE);
        deployment.enterPhase(DeploymentPhase.DEPLOY);
        assertThatThrownBy(() -> deployment.enterPhase(DeploymentPhase.BUILD)).isInstanceOf(IllegalStateException.class);
    }

    private static Deployment succeeded(String environment, DeploymentTrigger trigger) {
        Deployment deployment = queued(environment, trigger);
        deployment.start(NOW);
        deployment.resolveCommit("4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a");
        deployment.succeed(NOW);
        return deployment;
    }

    @Test
    void aRollbackPutsASucceededIntegrationReleaseBackAsANewDeployment() {
        Deployment earlier = succeeded("feature", DeploymentTrigger.PUSH);
        Deployment rollback = earlier.rollback("alice", NOW);
        assertThat(rollback.trigger()).isEqualTo(DeploymentTrigger.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(earlier.id());
        assertThat(rollback.commit()).isEqualTo(earlier.commit());
        assertThat(rollback.environmentId()).isEqualTo("feature");
        assertThat(rollback.state()).isEqualTo(DeploymentState.QUEUED);
        assertThat(rollback.requestedBy()).isEqualTo("alice");
    }

    @Test
    void aRollbackNeedsASucceededDeploymentAndOnTheTiersATicket() {
        Deployment failed = queued("master", DeploymentTrigger.PUSH);
        failed.start(NOW);
        failed.fail("hooks.build", null, 1, NOW);
        assertThatThrownBy(() -> failed.rollback("alice", NOW)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.rule()).isEqualTo("DEP-9");
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("FAILED");
        });
        Deployment staging = succeeded("staging", DeploymentTrigger.TICKET);
        assertThatThrownBy(() -> staging.rollback("alice", NOW)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.slug()).isEqualTo("ticket-required");
            assertThat(e.getMessage()).contains("DEPLOY ticket").contains(staging.commit());
        });
    }
}
