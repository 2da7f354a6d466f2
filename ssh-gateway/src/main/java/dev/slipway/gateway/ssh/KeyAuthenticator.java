package dev.slipway.gateway.ssh;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.domain.SshTarget;
import dev.slipway.gateway.service.SshAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

/**
 * Public-key authentication, the only kind the gateway offers (SSH-3). User {@code git} is let in
 * with any registered key (the repository, and so the role, comes with the command); user
 * {@code <project>-<env>} only with a key that may enter that environment now (SSH-2). Why a key
 * was refused is logged with its fingerprint (never the key) for operators; the client only learns
 * that its key was not accepted, as with OpenSSH.
 */
@ApplicationScoped
public class KeyAuthenticator implements PublickeyAuthenticator {

    private static final Logger LOG = Logger.getLogger(KeyAuthenticator.class);

    private final SshAccess access;

    public KeyAuthenticator(SshAccess access) {
        this.access = access;
    }

    @Override
    public boolean authenticate(String userName, PublicKey key, ServerSession session) {
        Optional<SshTarget> target = SshTarget.parse(userName);
        if (target.isEmpty()) {
            return false;
        }
        SshAccess.KeyHolder known = session.getAttribute(SshSessions.HOLDER);
        String fingerprint = PublicKeyLine.fingerprintOf(key);
        if (known != null && known.fingerprint().equals(fingerprint) && target.get().equals(session.getAttribute(SshSessions.TARGET))) {
            // MINA asks twice per key (before and after the signature): the first answer stands.
            return true;
        }
        Optional<SshAccess.KeyHolder> holder = access.holderOf(fingerprint);
        if (holder.isEmpty()) {
            return false;
        }
        if (target.get() instanceof SshTarget.Environment environment) {
            SshAccess.Entry entry = access.enter(holder.get(), environment);
            if (!entry.allowed()) {
                LOG.infof("SSH refused %s for %s with %s: %s %s", userName, holder.get().userId(), fingerprint,
                        entry.refusal().get().rule(), entry.refusal().get().detail());
                return false;
            }
            session.setAttribute(SshSessions.ENTRY, entry);
        }
        session.setAttribute(SshSessions.HOLDER, holder.get());
        session.setAttribute(SshSessions.TARGET, target.get());
        return true;
    }
}
