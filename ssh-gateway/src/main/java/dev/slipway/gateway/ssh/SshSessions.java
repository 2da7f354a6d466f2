package dev.slipway.gateway.ssh;

import dev.slipway.gateway.domain.SshTarget;
import dev.slipway.gateway.service.SshAccess;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

/** What the gateway remembers on an SSH connection once its key is authenticated. */
public final class SshSessions {

    /** The key holder the connection authenticated as. */
    public static final AttributeKey<SshAccess.KeyHolder> HOLDER = new AttributeKey<>();
    /** What the user name selected (SSH-3). */
    public static final AttributeKey<SshTarget> TARGET = new AttributeKey<>();
    /** For an environment: the entry decision taken at authentication (grant id and expiry). */
    public static final AttributeKey<SshAccess.Entry> ENTRY = new AttributeKey<>();

    private SshSessions() {
    }

    public static SshAccess.KeyHolder holder(ServerSession session) {
        return session.getAttribute(HOLDER);
    }

    public static SshTarget target(ServerSession session) {
        return session.getAttribute(TARGET);
    }

    public static SshAccess.Entry entry(ServerSession session) {
        return session.getAttribute(ENTRY);
    }
}
