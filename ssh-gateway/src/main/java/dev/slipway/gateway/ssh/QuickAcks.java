package dev.slipway.gateway.ssh;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.jboss.logging.Logger;

/**
 * Acknowledges the client's packets at once during the handshake (Linux {@code TCP_QUICKACK}).
 *
 * <p>Why: OpenSSH's client leaves Nagle's algorithm on for non-interactive sessions such as git's,
 * and twice in the handshake it sends a small packet right after another (its ECDH init after its
 * KEXINIT, its service request after its NEWKEYS). The second waits for the first to be
 * acknowledged; the gateway had nothing to send back, so the kernel delayed its ACK by 40 ms each
 * time. Measured with {@code ssh -vvv}: two 40 ms pauses in every connection; {@code ssh git@ true}
 * went from about 60 ms to about 18 ms (docs/performance.md, step 7). Quick-ACK mode is not sticky
 * (the kernel leaves it again on its own), so it is asked for again at each step of the handshake.
 * Where the option is unavailable (another OS or I/O provider) nothing changes.
 */
final class QuickAcks implements SessionListener {

    private static final Logger LOG = Logger.getLogger(QuickAcks.class);

    @Override
    public void sessionCreated(Session session) {
        quickAck(session);
    }

    @Override
    public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
        quickAck(session);
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal, Map<KexProposalOption, String> serverProposal,
            Map<KexProposalOption, String> negotiatedOptions, Throwable reason) {
        quickAck(session);
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        quickAck(session);
    }

    private static void quickAck(Session session) {
        if (session.getIoSession() instanceof Nio2Session nio2) {
            try {
                nio2.getSocket().setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debugf("TCP_QUICKACK not set: %s", e.toString());
            }
        }
    }
}
