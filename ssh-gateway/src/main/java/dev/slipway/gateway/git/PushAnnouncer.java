package dev.slipway.gateway.git;

import dev.slipway.gateway.config.GitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * When pushes are announced (SSH-4, EVT-3): right after the push, in the pusher's session; if that
 * fails (the database is away) the project waits in a retry set that a background round announces
 * every {@link GitConfig#announceRetryInterval()}; and every repository once at start-up, which
 * catches what an instance that stopped between a push and its announcement left behind. Any
 * instance may announce any project: {@link RefAnnouncements} makes it exactly once.
 *
 * <p>A thread of its own rather than the Quarkus scheduler: the platform's background work (the
 * outbox relay) runs this way too, and the gateway needs no further extension for one timer.
 */
@ApplicationScoped
public class PushAnnouncer {

    private static final Logger LOG = Logger.getLogger(PushAnnouncer.class);

    private final RefAnnouncements announcements;
    private final GitConfig config;
    /** Projects whose announcement failed, with who pushed which branch. */
    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    private volatile boolean sweepDone;
    private ScheduledExecutorService rounds;

    public PushAnnouncer(RefAnnouncements announcements, GitConfig config) {
        this.announcements = announcements;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "git-push-announcer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.announceRetryInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::round, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (rounds != null) {
            rounds.shutdownNow();
        }
    }

    /**
     * Announces what a push changed; false when that failed and the project now waits for a later
     * round (the push itself is stored either way).
     */
    public boolean afterPush(String projectId, Map<String, String> pushers) {
        try {
            announcements.announce(projectId, pushers);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Push to %s stored but not announced yet (retrying every %s): %s", projectId, config.announceRetryInterval(), e.toString());
            pending.merge(projectId, Map.copyOf(pushers), (before, now) -> {
                Map<String, String> both = new HashMap<>(before);
                both.putAll(now);
                return Map.copyOf(both);
            });
            return false;
        }
    }

    /** Projects waiting for a retry (for tests and metrics). */
    public boolean isPending(String projectId) {
        return pending.containsKey(projectId);
    }

    /** One round: the start-up sweep until it has run once, then the retry set. */
    void round() {
        try {
            if (!sweepDone) {
                for (String project : announcements.projects()) {
                    pending.putIfAbsent(project, Map.of());
                }
                sweepDone = true;
            }
            for (Map.Entry<String, Map<String, String>> entry : pending.entrySet()) {
                announcements.announce(entry.getKey(), entry.getValue());
                pending.remove(entry.getKey(), entry.getValue());
            }
        } catch (RuntimeException e) {
            LOG.debugf("Announcing pushes failed, next round in %s: %s", config.announceRetryInterval(), e.toString());
        }
    }
}
