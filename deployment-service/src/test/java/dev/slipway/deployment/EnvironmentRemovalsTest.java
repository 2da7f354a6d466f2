package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.deployment.service.EnvironmentRemovals;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-7: a deactivated or deleted environment's releases and data go once nothing of it runs, and
 * its queue waits until they have gone, so what is deployed next starts clean.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class EnvironmentRemovalsTest {

    @Inject
    EnvironmentRemovals removals;

    @Inject
    DeploymentQueue queue;

    @Inject
    DeploymentClaims claims;

    @Inject
    DeploymentRepository deployments;

    @Inject
    RunnerConfig runner;

    @Inject
    EntityManager entityManager;

    private Deployment queued(String project, String environment) {
        return QuarkusTransaction.requiringNew().call(() -> queue.enqueue(new DeploymentRequest(project, environment, environment, null,
                DeploymentTrigger.PUSH, null, null, null, null, "alice")));
    }

    /** Claims until none is left and answers which of them were this test's. */
    private List<UUID> claimAll(String project) {
        List<UUID> mine = new ArrayList<>();
        String instance = "removals-test-" + UUID.randomUUID();
        for (Optional<UUID> next = claim(instance); next.isPresent(); next = claim(instance)) {
            UUID id = next.get();
            if (QuarkusTransaction.requiringNew().call(() -> deployments.findById(id).projectId()).equals(project)) {
                mine.add(id);
            }
        }
        return mine;
    }

    private Optional<UUID> claim(String instance) {
        return QuarkusTransaction.requiringNew().call(() -> claims.claimNext(instance, Duration.ofMinutes(5)));
    }

    @Test
    void theFilesGoOnceNothingRunsAndTheQueueWaitsUntilThen() throws Exception {
        String project = ProjectAccessReadModelContract.newProjectId();
        Path environment = runner.root().resolve(project).resolve("feature");
        Files.createDirectories(environment.resolve("data/var"));
        Files.writeString(environment.resolve("data/var/orders.csv"), "1,2,3\n");
        Files.createDirectories(environment.resolve("releases/r1"));

        Deployment running = queued(project, "feature");
        assertThat(claimAll(project)).containsExactly(running.id());
        QuarkusTransaction.requiringNew().run(() -> removals.request(project, "feature"));
        removals.removePending();
        assertThat(environment.resolve("data/var/orders.csv")).as("a deployment of it still runs").exists();

        Deployment next = queued(project, "feature");
        // While the removal is pending (its row held here, so no round takes it), the queue waits.
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT 1 FROM environment_removal WHERE project_id = :p FOR UPDATE").setParameter("p", project)
                    .getResultList();
            QuarkusTransaction.requiringNew().run(() -> deployments.findById(running.id()).cancel("deactivation", Instant.now()));
            assertThat(claimAll(project)).as("nothing is claimed while its files are to go").isEmpty();
        });
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> !Files.exists(environment));
        assertThat(claimAll(project)).containsExactly(next.id());
    }
}
