package dev.slipway.platform.concurrent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A background task repeated with a fixed delay on a daemon thread of its own name: a sweeper, a
 * heartbeat, a cleanup. A round that throws is logged at debug level and the next round tries
 * again, so the task never dies of one failure. Close it on shutdown.
 */
public final class Periodic implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Periodic.class);

    private final ScheduledExecutorService executor;

    private Periodic(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Runs {@code round} every {@code delay} (after each round ends), the first time after {@code initialDelay}. */
    public static Periodic start(String threadName, Duration initialDelay, Duration delay, Runnable round) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.debugf("%s: round failed, the next one retries: %s", threadName, e.toString());
            }
        }, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
