package dev.slipway.gateway.ssh;

import dev.slipway.gateway.config.SshConfig;
import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.domain.SshTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.slipway.gateway.service.SshAccess;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.jboss.logging.Logger;

/**
 * The SSH server on port 2222 (SSH-3): the kept host key, public-key authentication only, no port,
 * agent or X11 forwarding, no subsystems; user {@code git} gets git's commands, user
 * {@code <project>-<env>} the environment's runtime.
 */
@ApplicationScoped
public class SshServerLifecycle {

    private static final Logger LOG = Logger.getLogger(SshServerLifecycle.class);

    private final SshConfig config;
    private final KeyAuthenticator authenticator;
    private final GitCommands git;
    private final EnvironmentCommands environments;
    private final SshAccess access;
    private final ExecutorService keyUse = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssh-key-use");
        thread.setDaemon(true);
        return thread;
    });
    private SshServer server;
    private String hostKeyFingerprint;

    public SshServerLifecycle(SshConfig config, KeyAuthenticator authenticator, GitCommands git, EnvironmentCommands environments,
            SshAccess access) {
        this.access = access;
        this.config = config;
        this.authenticator = authenticator;
        this.git = git;
        this.environments = environments;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        KeyPair hostKey;
        try {
            hostKey = HostKey.loadOrCreate(config.hostKey());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the SSH host key " + config.hostKey(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read or create the SSH host key " + config.hostKey() + ": " + e.getMessage(), e);
        }
        hostKeyFingerprint = PublicKeyLine.fingerprintOf(hostKey.getPublic());
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost(config.host());
        ssh.setPort(config.port());
        ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        ssh.setKeyExchangeFactories(KeyExchanges.resolve(config.keyExchanges()));
        ssh.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        ssh.setPublickeyAuthenticator(authenticator);
        ssh.setPasswordAuthenticator(null);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setGSSAuthenticator(null);
        ssh.setHostBasedAuthenticator(null);
        ssh.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        ssh.setAgentFactory(null);
        ssh.setSubsystemFactories(List.of());
        ssh.setCommandFactory(this::command);
        ssh.setShellFactory(channel -> command(channel, null));
        CoreModuleProperties.IDLE_TIMEOUT.set(ssh, config.idleTimeout());
        // SSH sends small packets that each wait for an answer (exit status, EOF, close, git's
        // report-status). With Nagle's algorithm on, a small write after another waited for the
        // client's delayed ACK: about 40 ms per exchange (docs/performance.md, step 7).
        CoreModuleProperties.TCP_NODELAY.set(ssh, true);
        ssh.addSessionListener(new QuickAcks()); // the same pause in the other direction, during the handshake
        ssh.addSessionListener(new SessionListener() {
            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated && session instanceof ServerSession server && SshSessions.holder(server) != null) {
                    SshAccess.KeyHolder holder = SshSessions.holder(server);
                    // Off MINA's I/O threads: a write that may wait for the database.
                    keyUse.execute(() -> recordUse(holder));
                }
            }
        });
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for SSH on " + config.host() + ":" + config.port(), e);
        }
        server = ssh;
        LOG.infof("SSH listening on %s:%d, host key %s", config.host(), port(), hostKeyFingerprint);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        keyUse.shutdownNow();
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                LOG.warnf("SSH server did not stop cleanly: %s", e.getMessage());
            }
        }
    }

    private void recordUse(SshAccess.KeyHolder holder) {
        try {
            access.recordUse(holder);
        } catch (RuntimeException e) {
            LOG.debugf("Could not note the use of key %s: %s", holder.fingerprint(), e.toString());
        }
    }

    private Command command(ChannelSession channel, String commandLine) {
        SshTarget target = SshSessions.target(channel.getServerSession());
        if (target instanceof SshTarget.Git) {
            return git.command(channel, commandLine);
        }
        return environments.command(channel, commandLine);
    }

    /** The port actually listened on (differs from the configured one when that is 0). */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    /** The host key's fingerprint as OpenSSH prints it. */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** The running server, for the session registry. */
    public SshServer server() {
        return server;
    }
}
