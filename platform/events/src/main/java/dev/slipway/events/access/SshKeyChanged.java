package dev.slipway.events.access;

/**
 * A user added or removed one of their SSH keys (SSH-1); the event type says which. Keys belong to a
 * user, not to a project, so these events are keyed by the user id (the one exception to EVT-1's
 * project key). The key itself never travels: its fingerprint identifies it.
 */
public record SshKeyChanged(String keyId, String userId, String fingerprint, String keyType, String title) {
}
