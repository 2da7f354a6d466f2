package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.deployment.service.QueueSignal;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.database.PostgresChannel;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The workers' wake-up in PostgreSQL (DEP-3, QueueSignal): a queued deployment is announced when its
 * transaction commits, never when it rolls back, and the announcement ends a worker's idle wait.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class QueueSignalTest {

    @Inject
    DeploymentQueue queue;

    @Inject
    QueueSignal signal;

    @Inject
    DataSource dataSource;

    private static DeploymentRequest request(String project, String environment) {
        return new DeploymentRequest(project, environment, environment, null, DeploymentTrigger.PUSH, null, null, null, null, "alice");
    }

    @Test
    void aCommittedDeploymentIsAnnouncedAndARolledBackOneIsNot() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch listening = new CountDownLatch(1);
        try (PostgresChannel.Listener listener = QueueSignal.CHANNEL.listen(dataSource, heard::addAll, listening::countDown)) {
            assertThat(listening.await(60, TimeUnit.SECONDS)).isTrue();
            String project = ProjectAccessReadModelContract.newProjectId();
            AtomicReference<Deployment> rolledBack = new AtomicReference<>();
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                rolledBack.set(queue.enqueue(request(project, "alpha")));
                throw new IllegalStateException("rolled back");
            })).hasMessageContaining("rolled back");
            Deployment committed = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(request(project, "beta")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> heard.contains(committed.id().toString()));
            // Notices arrive in commit order: had the rolled-back one been said, it would be here already.
            assertThat(heard).doesNotContain(rolledBack.get().id().toString());
        }
    }

    @Test
    void aQueuedDeploymentEndsAWaitingWorkersIdleWait() throws Exception {
        signal.listen(1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(signal::listening);
        while (signal.awaitQueued(Duration.ZERO)) {
            // wake-ups left by listening and by other tests' deployments
        }
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> woken = worker.submit(() -> signal.awaitQueued(Duration.ofMinutes(2)));
            QuarkusTransaction.requiringNew().call(() -> queue.enqueue(request(ProjectAccessReadModelContract.newProjectId(), "alpha")));
            assertThat(woken.get(3, TimeUnit.MINUTES)).as("woken by the notice, not by the end of the wait").isTrue();
        } finally {
            worker.shutdownNow();
        }
    }
}
