package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * SSH-2: a key's access to Staging or Production of one project, created only by an approved
 * ADD_SSH_KEY ticket, optionally until {@code expiresAt}. It is in force while neither expired nor
 * revoked; expiry needs nobody to act. Revoked grants stay as the record of who had access when.
 */
@Entity
@Table(name = "ssh_grant")
public class SshGrant {

    /** Where a grant stands at a given instant. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "environment_id", nullable = false)
    private String environmentId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "key_id", nullable = false)
    private UUID keyId;

    @Column(nullable = false)
    private String fingerprint;

    @Column(nullable = false)
    private String title;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "ticket_id", nullable = false, unique = true)
    private String ticketId;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_reason")
    private String revokedReason;

    protected SshGrant() {
    }

    /** SSH-2: only Staging and Production take grants; Integration is reached through roles. */
    public static SshGrant fromTicket(String ticketId, String projectId, String environmentId, SshKey key, Instant expiresAt,
            String grantedBy, Instant now) {
        if (EnvironmentType.ofEnvironmentId(environmentId).isSelfService()) {
            throw new DomainException("SSH-2", 422, "grant-not-needed",
                    "Integration environments are reached through project roles, not grants.");
        }
        requireFutureExpiry(expiresAt, now);
        SshGrant grant = new SshGrant();
        grant.id = UUID.randomUUID();
        grant.projectId = projectId;
        grant.environmentId = environmentId;
        grant.userId = key.userId();
        grant.keyId = key.id();
        grant.fingerprint = key.fingerprint();
        grant.title = key.title();
        grant.expiresAt = expiresAt;
        grant.ticketId = ticketId;
        grant.grantedBy = grantedBy;
        grant.createdAt = now;
        return grant;
    }

    /** A grant's expiry, when it has one, lies ahead. */
    public static void requireFutureExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new DomainException("SSH-2", 422, "grant-already-expired", "The grant's expiry " + expiresAt + " has already passed.");
        }
    }

    public State stateAt(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? State.EXPIRED : State.ACTIVE;
    }

    public boolean isInForceAt(Instant now) {
        return stateAt(now) == State.ACTIVE;
    }

    /** Ends the grant; revoking a revoked grant changes nothing and answers false. */
    public boolean revoke(String by, String reason, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokedBy = by;
        revokedReason = reason;
        return true;
    }

    public UUID id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String environmentId() {
        return environmentId;
    }

    public String userId() {
        return userId;
    }

    public UUID keyId() {
        return keyId;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String title() {
        return title;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String ticketId() {
        return ticketId;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public String revokedReason() {
        return revokedReason;
    }
}
