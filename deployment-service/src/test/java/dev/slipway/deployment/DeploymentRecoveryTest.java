package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.deployment.service.DeploymentRecovery;
import dev.slipway.events.Topics;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.process.LineSink;
import dev.slipway.process.ProcessRunner;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.RunningProcess;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-3 crash safety: what a previous life of this instance left RUNNING is failed "interrupted by
 * restart" with its hook's process tree killed; a dead instance's expired lease hands its
 * deployment back the same way.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentRecoveryTest {

    @Inject
    DeploymentRecovery recovery;

    @Inject
    DeploymentClaims claims;

    @Inject
    DeploymentQueue queue;

    @Inject
    DeploymentRepository deployments;

    private UUID claimedBy(String instance, Duration lease) {
        String project = ProjectAccessReadModelContract.newProjectId();
        Deployment deployment = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(new DeploymentRequest(project, "master", "master",
                null, DeploymentTrigger.PUSH, null, null, null, null, "alice")));
        while (true) {
            UUID claimed = QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, lease)).orElseThrow();
            if (claimed.equals(deployment.id())) {
                return claimed;
            }
        }
    }

    private Deployment reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> deployments.findById(id));
    }

    @Test
    void aRestartedInstanceKillsTheHookItsPreviousLifeLeftAndFailsTheDeployment() throws Exception {
        UUID id = claimedBy(recovery.instance(), Duration.ofHours(1));
        // A hook of the previous life: a shell with a sleeping child, in a process group of its own.
        Path folder = Files.createTempDirectory("slipway-recovery-");
        RunningProcess hook = new ProcessRunner().start(new ProcessSpec(List.of("bash", "-c", "sleep 300 & wait"), folder,
                Map.of("PATH", "/usr/bin:/bin"), Duration.ofMinutes(10)), LineSink.discard());
        long group = hook.processGroupId().orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> claims.recordHook(id, group));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            assertThat(recovery.recoverOwn()).isGreaterThanOrEqualTo(1);
            probe.await(record -> "dev.slipway.deployment.failed.v1".equals(KafkaProbe.header(record, "ce_type"))
                    && record.value().contains(id.toString()) && record.value().contains("interrupted by restart"), Duration.ofSeconds(60));
        }
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(hook::isDone);
        // Nothing of the group is left, the sleeping child included (pgrep -g: by process group).
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Process pgrep = new ProcessBuilder("pgrep", "-g", Long.toString(group)).start();
            return pgrep.waitFor(10, TimeUnit.SECONDS) && new String(pgrep.getInputStream().readAllBytes()).strip().isEmpty();
        });
        Deployment failed = reload(id);
        assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(failed.detail()).isEqualTo("interrupted by restart during VALIDATE");
        assertThat(recovery.recoverOwn()).as("nothing left the second time").isZero();
    }

    @Test
    void aHookOfADeploymentAnotherInstanceFailedIsKilledWhenItsOwnInstanceRestarts() throws Exception {
        // This instance died with a hook running; another one swept its expired lease meanwhile.
        UUID id = claimedBy(recovery.instance(), Duration.ofSeconds(-1));
        RunningProcess hook = sleepingHook();
        long group = hook.processGroupId().orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> claims.recordHook(id, group));
        assertThat(recovery.sweepExpired()).isGreaterThanOrEqualTo(1);
        assertThat(reload(id).state()).isEqualTo(DeploymentState.FAILED);
        assertThat(hook.isDone()).as("the sweeper cannot reach a hook of another machine").isFalse();

        assertThat(recovery.recoverOwn()).as("already failed, so none to fail").isZero();

        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(hook::isDone);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> groupIsEmpty(group));
        assertThat(QuarkusTransaction.requiringNew().call(() -> claims.leftBy(recovery.instance())))
                .as("its group is forgotten once killed").extracting(DeploymentClaims.Orphan::deploymentId).doesNotContain(id);
    }

    private static RunningProcess sleepingHook() throws Exception {
        Path folder = Files.createTempDirectory("slipway-recovery-");
        return new ProcessRunner().start(new ProcessSpec(List.of("bash", "-c", "sleep 300 & wait"), folder,
                Map.of("PATH", "/usr/bin:/bin"), Duration.ofMinutes(10)), LineSink.discard());
    }

    private static boolean groupIsEmpty(long group) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-g", Long.toString(group)).start();
        return pgrep.waitFor(10, TimeUnit.SECONDS) && new String(pgrep.getInputStream().readAllBytes()).strip().isEmpty();
    }

    @Test
    void aDeadInstancesExpiredLeaseIsFailedSoItsQueueGoesOn() {
        UUID alive = claimedBy("instance-alive-" + UUID.randomUUID(), Duration.ofHours(1));
        UUID dead = claimedBy("instance-dead-" + UUID.randomUUID(), Duration.ofSeconds(-1));
        assertThat(recovery.sweepExpired()).isGreaterThanOrEqualTo(1);
        assertThat(reload(dead).state()).isEqualTo(DeploymentState.FAILED);
        assertThat(reload(dead).detail()).startsWith("interrupted by restart");
        assertThat(reload(alive).state()).isEqualTo(DeploymentState.RUNNING);
    }
}
