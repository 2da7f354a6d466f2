package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SPEC §1 and DEP-3 in PostgreSQL: claims run each deployment once, one per environment, and leases find dead runners. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentClaimsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    DeploymentClaims claims;

    @Inject
    DeploymentQueue queue;

    @Inject
    DeploymentRepository deployments;

    private Deployment queued(String project, String environment) {
        return QuarkusTransaction.requiringNew().call(() -> queue.enqueue(new DeploymentRequest(project, environment, environment, null,
                DeploymentTrigger.PUSH, null, null, null, null, "alice")));
    }

    private Optional<UUID> claim(String instance) {
        return QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, LEASE));
    }

    private DeploymentState stateOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> deployments.findById(id).state());
    }

    /** Claims until none is left; only this test's project counts (others may have queued ones too). */
    private List<UUID> claimAll(String instance, String project) {
        List<UUID> mine = new ArrayList<>();
        for (Optional<UUID> next = claim(instance); next.isPresent(); next = claim(instance)) {
            UUID id = next.get();
            if (QuarkusTransaction.requiringNew().call(() -> deployments.findById(id).projectId()).equals(project)) {
                mine.add(id);
            }
        }
        return mine;
    }

    @Test
    void oneRunsPerEnvironmentAndTheNextWaitsForIt() {
        String project = ProjectAccessReadModelContract.newProjectId();
        Deployment a = queued(project, "alpha");
        Deployment b = queued(project, "beta");
        List<UUID> first = claimAll("instance-1", project);
        assertThat(first).containsExactlyInAnyOrder(a.id(), b.id());
        Deployment next = queued(project, "alpha");
        assertThat(claimAll("instance-1", project)).isEmpty();
        assertThat(stateOf(next.id())).isEqualTo(DeploymentState.QUEUED);
        QuarkusTransaction.requiringNew().run(() -> deployments.findById(a.id()).succeed(Instant.now()));
        assertThat(claimAll("instance-1", project)).containsExactly(next.id());
    }

    @Test
    void twoInstancesRacingClaimEachDeploymentOnce() throws Exception {
        String project = ProjectAccessReadModelContract.newProjectId();
        Set<UUID> queuedIds = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            queuedIds.add(queued(project, "env" + i).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> runs = new ArrayList<>();
            for (String instance : List.of("instance-a", "instance-b")) {
                runs.add(pool.submit(() -> {
                    List<UUID> mine = new ArrayList<>();
                    while (true) {
                        Optional<UUID> next;
                        try {
                            next = claim(instance);
                        } catch (RuntimeException raceLost) {
                            continue;
                        }
                        if (next.isEmpty()) {
                            return mine;
                        }
                        mine.add(next.get());
                    }
                }));
            }
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> run : runs) {
                all.addAll(run.get());
            }
            assertThat(all.stream().filter(queuedIds::contains).toList()).hasSize(20).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadInstancesLeaseRunsOutAndARestartedOneFindsWhatItLeft() {
        String project = ProjectAccessReadModelContract.newProjectId();
        Deployment deployment = queued(project, "alpha");
        String instance = "instance-" + UUID.randomUUID();
        UUID claimed = QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, Duration.ZERO)).orElseThrow();
        while (!claimed.equals(deployment.id())) {
            claimed = QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, Duration.ZERO)).orElseThrow();
        }
        QuarkusTransaction.requiringNew().run(() -> claims.recordHook(deployment.id(), 4242L));
        List<DeploymentClaims.Orphan> left = QuarkusTransaction.requiringNew().call(() -> claims.leftBy(instance));
        assertThat(left).containsExactly(new DeploymentClaims.Orphan(deployment.id(), 4242L));
        assertThat(QuarkusTransaction.requiringNew().call(() -> claims.expired())).contains(new DeploymentClaims.Orphan(deployment.id(), 4242L));
        assertThat(QuarkusTransaction.requiringNew().call(() -> claims.renew(instance, LEASE))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> claims.expired())).doesNotContain(new DeploymentClaims.Orphan(deployment.id(), 4242L));
        QuarkusTransaction.requiringNew().run(() -> deployments.findById(deployment.id()).interruptedByRestart(Instant.now()));
        Deployment failed = QuarkusTransaction.requiringNew().call(() -> deployments.findById(deployment.id()));
        assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(failed.detail()).isEqualTo("interrupted by restart during VALIDATE");
    }
}
