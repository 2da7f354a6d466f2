package dev.slipway.deployment.service;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.deployment.runner.LocalRunner;
import dev.slipway.deployment.runner.Runner;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.platform.concurrent.Periodic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Claims queued deployments and runs them (DEP-3, SPEC §1): a few worker threads per instance, each
 * claiming the oldest deployment of an environment where none runs, so instances share one queue.
 * While one runs, its lease is renewed and its state watched: a cancel (from any instance) kills
 * the running hook's process tree.
 */
@ApplicationScoped
public class DeploymentWorker {

    private static final Logger LOG = Logger.getLogger(DeploymentWorker.class);
    private static final long IDLE_POLL_MILLIS = 100;
    private static final Duration IDLE_POLL = Duration.ofMillis(IDLE_POLL_MILLIS);

    private final DeploymentClaims claims;
    private final DeploymentRepository deployments;
    private final DeploymentPipeline pipeline;
    private final DeploymentRecovery recovery;
    private final RunnerConfig config;
    private final QueueSignal signal;
    private final Map<UUID, Cancellation> running = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private Periodic heartbeat;
    private volatile boolean stopping;

    public DeploymentWorker(DeploymentClaims claims, DeploymentRepository deployments, DeploymentPipeline pipeline, DeploymentRecovery recovery,
            RunnerConfig config, QueueSignal signal) {
        this.claims = claims;
        this.deployments = deployments;
        this.pipeline = pipeline;
        this.recovery = recovery;
        this.config = config;
        this.signal = signal;
    }

    /** DEP-10: the runner phases execute on, the local one on this machine's disk. */
    @Produces
    @ApplicationScoped
    Runner runner(RunnerConfig runnerConfig) {
        return new LocalRunner(runnerConfig.root().toAbsolutePath());
    }

    // After DeploymentRecovery has failed what a previous life left RUNNING.
    void start(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent startup) {
        if (config.workers() <= 0) {
            return;
        }
        Duration period = Duration.ofMillis(Math.max(200, Math.min(1000, config.lease().toMillis() / 3)));
        heartbeat = Periodic.start("deployment-heartbeat", period, period, this::beat);
        signal.listen(config.workers());
        for (int i = 1; i <= config.workers(); i++) {
            Thread worker = new Thread(this::work, "deployment-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        running.values().forEach(Cancellation::cancel);
        workers.forEach(Thread::interrupt);
        signal.stop();
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    private void work() {
        while (!stopping) {
            try {
                Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> claims.claimNext(recovery.instance(), config.lease()));
                if (claimed.isEmpty()) {
                    // Woken by a queued deployment's notice; the poll is the fallback (QueueSignal).
                    signal.awaitQueued(IDLE_POLL);
                    continue;
                }
                Cancellation cancellation = new Cancellation();
                running.put(claimed.get(), cancellation);
                try {
                    pipeline.run(claimed.get(), cancellation);
                } finally {
                    running.remove(claimed.get());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Lost a race for an environment (its one-running index), or the database is away: claim again shortly.
                LOG.debugf("Claim round failed: %s", e.toString());
                try {
                    Thread.sleep(IDLE_POLL_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Renews this instance's leases and cancels the hooks of deployments cancelled meanwhile (a failed round: the next retries). */
    private void beat() {
        if (running.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> claims.renew(recovery.instance(), config.lease()));
        for (Map.Entry<UUID, Cancellation> entry : running.entrySet()) {
            DeploymentState state = QuarkusTransaction.requiringNew().call(() -> deployments.findById(entry.getKey()).state());
            if (state == DeploymentState.CANCELLED) {
                entry.getValue().cancel();
            }
        }
    }
}
