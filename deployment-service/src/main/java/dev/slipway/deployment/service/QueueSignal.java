package dev.slipway.deployment.service;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.platform.database.PostgresChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Wakes the idle workers of every instance when a deployment is queued, so a deployment starts
 * within a few milliseconds of its commit instead of at the workers' next poll (step 5's
 * measurements: the poll was most of a deployment's control-plane time). The poll stays as the
 * fallback for what no notice announces (a claim that became possible when another deployment of
 * the environment finished elsewhere, a requeue, a listener that was away).
 */
@ApplicationScoped
public class QueueSignal {

    /** The LISTEN/NOTIFY channel; the payload is the queued deployment's id. */
    public static final PostgresChannel CHANNEL = new PostgresChannel("slipway_deployment_queued");

    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final Semaphore wakeUps = new Semaphore(0);
    private PostgresChannel.Listener listener;
    private volatile int waiters;
    private volatile boolean listening;

    public QueueSignal(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** Announces {@code deployment} when the caller's transaction commits (nothing when it rolls back). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(Deployment deployment) {
        CHANNEL.notify(entityManager, deployment.id().toString());
    }

    /** Starts listening (once) on behalf of {@code workers} workers that wait in {@link #awaitQueued}. */
    public synchronized void listen(int workers) {
        if (listener != null) {
            return;
        }
        waiters = workers;
        listener = CHANNEL.listen(dataSource, queued -> wake(queued.size()), () -> {
            listening = true;
            // Whatever was queued while nobody listened is claimable now.
            wake(waiters);
        });
    }

    /** Whether the listener has listened (a notice said from now on is heard). */
    public boolean listening() {
        return listening;
    }

    public synchronized void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    /** Waits until a deployment is queued (true) or {@code timeout} passed (false): the worker's idle wait. */
    public boolean awaitQueued(Duration timeout) throws InterruptedException {
        return wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One permit per notice, never more than there are workers: a burst of queued deployments wakes each idle worker once. */
    private void wake(int notices) {
        int missing = Math.min(notices, waiters) - wakeUps.availablePermits();
        if (missing > 0) {
            wakeUps.release(missing);
        }
    }
}
