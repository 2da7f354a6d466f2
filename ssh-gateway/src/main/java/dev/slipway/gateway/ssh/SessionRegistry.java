package dev.slipway.gateway.ssh;

import dev.slipway.gateway.config.SshConfig;
import dev.slipway.gateway.domain.SshTarget;
import dev.slipway.gateway.service.AccessChanges;
import dev.slipway.gateway.service.SshAccess;
import dev.slipway.platform.database.PostgresChannel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The environment sessions open on this instance, and their end when access ends (SSH-2, SSH-3):
 * a removed key, member or grant, a raised {@code access.ssh} or an expired grant closes them at
 * once. Every instance LISTENs on {@link AccessChanges#CHANNEL} through a dedicated connection and
 * re-asks {@link SshAccess#enter} for its sessions on each notice, at each grant's expiry and every
 * {@link SshConfig#recheckInterval()} (for notices missed while the database was away).
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

    /** What the registry needs of an open session. */
    public interface OpenSession {

        String sessionId();

        SshAccess.KeyHolder holder();

        SshTarget.Environment target();

        /** The entry decision taken when the key authenticated. */
        SshAccess.Entry entry();

        /** Ends the session: {@code message} on the client's stderr first, {@code reason} in the audit. */
        void revoke(String reason, String message);
    }

    private record Access(SshAccess.KeyHolder holder, SshTarget.Environment target) {
    }

    private final Map<String, OpenSession> open = new ConcurrentHashMap<>();
    private final Set<Instant> expiryChecks = ConcurrentHashMap.newKeySet();
    private final SshAccess access;
    private final SshConfig config;
    private final DataSource dataSource;
    private ScheduledExecutorService checker;
    private PostgresChannel.Listener listener;

    public SessionRegistry(SshAccess access, SshConfig config, DataSource dataSource) {
        this.access = access;
        this.config = config;
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(work -> daemon(work, "ssh-access-recheck"));
        long interval = config.recheckInterval().toMillis();
        checker.scheduleWithFixedDelay(this::recheck, interval, interval, TimeUnit.MILLISECONDS);
        // Every notice re-checks all sessions; so does each (re)connection of the listener, since notices may have been missed meanwhile.
        listener = AccessChanges.CHANNEL.listen(dataSource, notices -> recheckSoon(), this::recheckSoon);
    }

    /** Before the SSH server stops (lower priority observes first): sessions end with their reason recorded. */
    void stop(@Observes @Priority(1000) ShutdownEvent shutdown) {
        for (OpenSession session : List.copyOf(open.values())) {
            session.revoke("gateway-stopped", "Slipway: this gateway is restarting; please reconnect.");
        }
        if (checker != null) {
            checker.shutdownNow();
        }
        if (listener != null) {
            listener.close();
        }
    }

    public void register(OpenSession session) {
        open.put(session.sessionId(), session);
        SshAccess.Entry entry = session.entry();
        if (entry != null && entry.expiresAt() != null) {
            checkAt(entry.expiresAt());
        }
    }

    public void unregister(OpenSession session) {
        open.remove(session.sessionId());
    }

    /** How many environment sessions are open on this instance. */
    public int size() {
        return open.size();
    }

    /** Re-asks SSH-2 for every open session, once per key holder and environment; ends those no longer allowed. */
    void recheck() {
        Map<Access, List<OpenSession>> byAccess = new LinkedHashMap<>();
        for (OpenSession session : open.values()) {
            byAccess.computeIfAbsent(new Access(session.holder(), session.target()), key -> new ArrayList<>()).add(session);
        }
        Instant now = Instant.now();
        for (Map.Entry<Access, List<OpenSession>> group : byAccess.entrySet()) {
            SshAccess.Entry entry;
            try {
                entry = access.enter(group.getKey().holder(), group.getKey().target());
            } catch (RuntimeException e) {
                // The database is away: sessions stay until it answers (the next recheck).
                LOG.warnf("SSH sessions not re-checked: %s", e.getMessage());
                return;
            }
            if (entry.allowed()) {
                if (entry.expiresAt() != null) {
                    checkAt(entry.expiresAt());
                }
                continue;
            }
            for (OpenSession session : group.getValue()) {
                Instant expiry = session.entry() == null ? null : session.entry().expiresAt();
                boolean expired = expiry != null && !now.isBefore(expiry);
                String detail = expired ? "the grant expired at " + expiry : entry.refusal().get().detail();
                LOG.infof("SSH session %s of %s on %s ended: %s", session.sessionId(), session.holder().userId(), session.target().userName(),
                        entry.refusal().get().slug());
                session.revoke(expired ? "access-expired" : "access-revoked",
                        "Slipway: your access to " + session.target().userName() + " ended (" + detail + ")");
            }
        }
    }

    private void recheckSoon() {
        ScheduledExecutorService executor = checker;
        if (executor != null && !executor.isShutdown()) {
            executor.execute(this::recheck);
        }
    }

    /** A re-check just after a grant's expiry, once per instant however many sessions share it. */
    private void checkAt(Instant expiry) {
        ScheduledExecutorService executor = checker;
        if (executor == null || executor.isShutdown() || !expiryChecks.add(expiry)) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 100;
        executor.schedule(() -> {
            expiryChecks.remove(expiry);
            recheck();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
