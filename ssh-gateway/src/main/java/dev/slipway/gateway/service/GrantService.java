package dev.slipway.gateway.service;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.domain.SshGrantRepository;
import dev.slipway.gateway.domain.SshKey;
import dev.slipway.gateway.domain.SshKeyRepository;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.gateway.messaging.AccessEvents;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.security.ProjectAccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Grants on Staging and Production (SSH-2): created by approved ADD_SSH_KEY tickets (TKT-5),
 * revoked by project admins or when their key or their user's membership ends.
 */
@ApplicationScoped
public class GrantService {

    private final SshGrantRepository grants;
    private final SshKeyRepository keys;
    private final ProjectAccessStore access;
    private final AccessEvents events;
    private final AccessChanges changes;

    public GrantService(SshGrantRepository grants, SshKeyRepository keys, ProjectAccessStore access, AccessEvents events, AccessChanges changes) {
        this.grants = grants;
        this.keys = keys;
        this.access = access;
        this.events = events;
        this.changes = changes;
    }

    /**
     * TKT-5: fulfils an approved ADD_SSH_KEY ticket in the inbox transaction: registers the key to
     * the requester if new, creates the grant and answers with its id; or answers why not (the key
     * is invalid or another user's, the requester is no member, the expiry is unreadable or past).
     * A ticket that already has its grant is answered with it again, never granted twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fulfil(TicketApproved ticket) {
        Optional<SshGrant> done = grants.byTicket(ticket.ticketId());
        if (done.isPresent()) {
            events.ticketFulfilled(ticket, done.get(), describe(done.get()));
            return;
        }
        try {
            SshGrant grant = grant(ticket, Instant.now());
            events.ticketFulfilled(ticket, grant, describe(grant));
        } catch (DomainException refused) {
            events.ticketFulfilled(ticket, null, refused.rule() + ": " + refused.getMessage());
        }
    }

    private SshGrant grant(TicketApproved ticket, Instant now) {
        EnvironmentType type = EnvironmentType.ofEnvironmentId(ticket.environmentId());
        if (type.isSelfService()) {
            throw new DomainException("TKT-2", 422, "ticket-not-applicable", "Integration environments are self-service");
        }
        String requester = ticket.requestedBy();
        if (requester == null || access.member(ticket.projectId(), requester).isEmpty()) {
            throw new DomainException("SSH-2", 422, "not-a-member",
                    "The requester " + requester + " is not a member of project " + ticket.projectId() + ".");
        }
        PublicKeyLine line = PublicKeyLine.parse(ticket.publicKey());
        Instant expiresAt = expiryOf(ticket.expiresAt());
        SshGrant.requireFutureExpiry(expiresAt, now);
        SshKey key = keys.byFingerprint(line.fingerprint()).orElse(null);
        if (key == null) {
            key = SshKey.register(requester, ticket.title(), line, now);
            keys.persist(key);
            events.keyAdded(key);
        } else {
            key.requireOwnedBy(requester);
        }
        SshGrant grant = SshGrant.fromTicket(ticket.ticketId(), ticket.projectId(), ticket.environmentId(), key, expiresAt,
                ticket.approvedBy(), now);
        grants.persist(grant);
        events.grantCreated(grant);
        return grant;
    }

    /** TKT-1's {@code expiresAt}: an ISO instant, or a date meaning the end of that day in UTC. */
    static Instant expiryOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new DomainException("TKT-1", 422, "invalid-value",
                        "expiresAt '" + text + "' is neither an ISO-8601 instant nor a date (e.g. 2027-01-31).");
            }
        }
    }

    private static String describe(SshGrant grant) {
        return "grant " + grant.id() + ": key " + grant.fingerprint() + " of " + grant.userId() + " reaches " + grant.environmentId()
                + (grant.expiresAt() == null ? "" : " until " + grant.expiresAt());
    }

    /** A project admin (or support) ends a grant at once; revoking it again changes nothing. */
    @Transactional
    public SshGrant revoke(String projectId, UUID grantId, String by) {
        SshGrant grant = get(projectId, grantId);
        if (grant.revoke(by, "revoked by " + by, Instant.now())) {
            events.grantRevoked(grant);
            changes.accessMayHaveShrunk("grant:" + grant.id());
        }
        return grant;
    }

    @Transactional
    public SshGrant get(String projectId, UUID grantId) {
        return grants.inProject(projectId, grantId)
                .orElseThrow(() -> ProblemException.notFound("Project " + projectId + " has no SSH grant " + grantId + "."));
    }

    @Transactional
    public List<SshGrant> list(String projectId, String environmentId, SshGrant.State state, String cursor, int limit) {
        TimeCursor before = TimeCursor.parse(cursor);
        return grants.ofProject(projectId, environmentId, state, Instant.now(), before == null ? null : before.at(),
                before == null ? null : before.id(), limit);
    }

    public static String cursorOf(SshGrant grant) {
        return TimeCursor.of(grant.createdAt(), grant.id());
    }

    /** SSH-2: a member removed from a project loses its grants there, and their sessions end. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void membershipEnded(String projectId, String userId, String by) {
        Instant now = Instant.now();
        for (SshGrant grant : grants.unrevokedOfMember(projectId, userId)) {
            grant.revoke(by, "membership ended", now);
            events.grantRevoked(grant);
        }
        changes.accessMayHaveShrunk("project:" + projectId);
    }

    /** A role changed: sessions re-check whether it still reaches their environment (access.ssh). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void roleChanged(String projectId, ProjectRole role) {
        changes.accessMayHaveShrunk("project:" + projectId);
    }
}
