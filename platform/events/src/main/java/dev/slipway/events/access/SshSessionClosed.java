package dev.slipway.events.access;

/**
 * SSH-3 audit: a session ended; {@code reason} says why (the client closed it, its access was
 * revoked or expired, the gateway stopped), and {@code durationMillis} how long it was open.
 */
public record SshSessionClosed(String sessionId, String projectId, String environmentId, String userId, String reason, long durationMillis) {
}
