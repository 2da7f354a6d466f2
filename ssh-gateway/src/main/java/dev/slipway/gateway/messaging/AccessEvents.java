package dev.slipway.gateway.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.access.SshCommandFinished;
import dev.slipway.events.access.SshGrantChanged;
import dev.slipway.events.access.SshKeyChanged;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketFulfilled;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.domain.SshKey;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds and publishes, through the outbox (EVT-3), every event of {@code slipway.access}: keys,
 * grants, the answer to ADD_SSH_KEY tickets and the SSH audit trail. The callers' transactions
 * carry them.
 */
@ApplicationScoped
public class AccessEvents {

    private final EventPublisher publisher;

    public AccessEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Keys belong to users: their events are keyed by the user id (docs/events.md). */
    public void keyAdded(SshKey key) {
        keyChanged(EventCatalog.SSH_KEY_ADDED, key);
    }

    public void keyRemoved(SshKey key) {
        keyChanged(EventCatalog.SSH_KEY_REMOVED, key);
    }

    public void grantCreated(SshGrant grant) {
        grantChanged(EventCatalog.SSH_GRANT_CREATED, grant, grant.grantedBy(), null);
    }

    public void grantRevoked(SshGrant grant) {
        grantChanged(EventCatalog.SSH_GRANT_REVOKED, grant, grant.revokedBy(), grant.revokedReason());
    }

    /** TKT-5: the answer to an approved ADD_SSH_KEY ticket; {@code grant} is null on failure. */
    public void ticketFulfilled(TicketApproved ticket, SshGrant grant, String detail) {
        publisher.publish(EventCatalog.ACCESS_TICKET_FULFILLED, ticket.projectId(), "tickets/" + ticket.ticketId(),
                new TicketFulfilled(ticket.ticketId(), ticket.projectId(), ticket.environmentId(), ticket.type(), grant != null, detail,
                        grant == null ? null : grant.id().toString(), ticket.attempt()));
    }

    public void sessionOpened(SshSessionOpened opened) {
        publisher.publish(EventCatalog.SSH_SESSION_OPENED, opened.projectId(), sessionSubject(opened.projectId(), opened.environmentId(),
                opened.sessionId()), opened);
    }

    public void commandFinished(SshCommandFinished finished) {
        publisher.publish(EventCatalog.SSH_COMMAND_FINISHED, finished.projectId(), sessionSubject(finished.projectId(),
                finished.environmentId(), finished.sessionId()), finished);
    }

    public void sessionClosed(SshSessionClosed closed) {
        publisher.publish(EventCatalog.SSH_SESSION_CLOSED, closed.projectId(), sessionSubject(closed.projectId(), closed.environmentId(),
                closed.sessionId()), closed);
    }

    private void keyChanged(EventType<SshKeyChanged> type, SshKey key) {
        publisher.publish(type, key.userId(), "users/" + key.userId() + "/ssh-keys/" + key.id(),
                new SshKeyChanged(key.id().toString(), key.userId(), key.fingerprint(), key.keyType(), key.title()));
    }

    private void grantChanged(EventType<SshGrantChanged> type, SshGrant grant, String by, String reason) {
        publisher.publish(type, grant.projectId(), "projects/" + grant.projectId() + "/ssh-grants/" + grant.id(),
                new SshGrantChanged(grant.id().toString(), grant.projectId(), grant.environmentId(), grant.userId(), grant.keyId().toString(),
                        grant.fingerprint(), grant.expiresAt() == null ? null : grant.expiresAt().toString(), grant.ticketId(), by, reason));
    }

    private static String sessionSubject(String projectId, String environmentId, String sessionId) {
        return "projects/" + projectId + "/environments/" + environmentId + "/ssh-sessions/" + sessionId;
    }
}
