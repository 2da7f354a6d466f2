package dev.slipway.deployment.service;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.messaging.DeploymentEvents;
import dev.slipway.platform.events.EventConsumer;
import dev.slipway.process.ProcessTree;
import dev.slipway.platform.concurrent.Periodic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * DEP-3 crash safety. At start-up this instance kills the hooks its previous life left running
 * (their process groups are in the database, even after SIGKILL) and fails those deployments
 * "interrupted by restart"; while it runs, it fails the deployments of instances whose lease ran
 * out, so their queue goes on here.
 */
@ApplicationScoped
public class DeploymentRecovery {

    private static final Logger LOG = Logger.getLogger(DeploymentRecovery.class);

    private final DeploymentClaims claims;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final RunnerConfig config;
    private final String instance;
    private Periodic sweeper;

    public DeploymentRecovery(DeploymentClaims claims, DeploymentRepository deployments, DeploymentEvents events, RunnerConfig config,
            EventConsumer consumer) {
        this.claims = claims;
        this.deployments = deployments;
        this.events = events;
        this.config = config;
        this.instance = consumer.instanceId();
    }

    void start(@Observes StartupEvent startup) {
        try {
            recoverOwn();
        } catch (RuntimeException e) {
            LOG.warnf("Could not recover this instance's interrupted deployments yet: %s", e.toString());
        }
        Duration period = Duration.ofMillis(Math.max(1000, config.lease().toMillis() / 2));
        sweeper = Periodic.start("deployment-lease-sweeper", period, period, this::sweepExpired);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sweeper != null) {
            sweeper.close();
        }
    }

    /** The name this instance claims deployments under. */
    public String instance() {
        return instance;
    }

    /** What this instance's previous life left RUNNING: its hooks killed, the deployments failed. */
    public int recoverOwn() {
        List<DeploymentClaims.Orphan> orphans = QuarkusTransaction.requiringNew().call(() -> claims.leftBy(instance));
        for (DeploymentClaims.Orphan orphan : orphans) {
            if (orphan.hookProcessGroup() != null) {
                try {
                    ProcessTree.killGroup(orphan.hookProcessGroup());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                } catch (RuntimeException e) {
                    LOG.warnf("Could not kill hook group %d of deployment %s: %s", orphan.hookProcessGroup(), orphan.deploymentId(), e.toString());
                }
            }
        }
        return interrupt(orphans, true);
    }

    /**
     * Deployments of instances that stopped renewing their lease. Their hooks ran on another machine,
     * so the hook group stays recorded: the instance kills it when it comes back ({@link #recoverOwn}).
     */
    public int sweepExpired() {
        return interrupt(QuarkusTransaction.requiringNew().call(claims::expired), false);
    }

    /** Fails the orphans still RUNNING; {@code hooksKilled}: their hook groups were killed here, so they are forgotten. */
    private int interrupt(List<DeploymentClaims.Orphan> orphans, boolean hooksKilled) {
        int failed = 0;
        for (DeploymentClaims.Orphan orphan : orphans) {
            boolean changed = QuarkusTransaction.requiringNew().call(() -> {
                if (hooksKilled) {
                    claims.recordHook(orphan.deploymentId(), null);
                }
                Deployment deployment = deployments.findById(orphan.deploymentId());
                if (deployment == null || deployment.state().isFinished()) {
                    return false;
                }
                deployment.interruptedByRestart(Instant.now());
                events.failed(deployment);
                return true;
            });
            if (changed) {
                failed++;
                LOG.infof("Deployment %s interrupted by restart", orphan.deploymentId());
            }
        }
        return failed;
    }
}
