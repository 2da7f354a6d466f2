package dev.slipway.events.access;

/**
 * A grant (SSH-2: key x project x tier, optional expiry) was created by an approved ADD_SSH_KEY
 * ticket, or revoked (by a project admin, or because its key or its user's membership ended); the
 * event type says which. {@code expiresAt} is ISO-8601 or null; {@code reason} is set on revocation.
 */
public record SshGrantChanged(String grantId, String projectId, String environmentId, String userId, String keyId, String fingerprint,
        String expiresAt, String ticketId, String by, String reason) {
}
