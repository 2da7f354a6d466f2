package dev.slipway.events.access;

/**
 * SSH-3 audit: a user opened an SSH session on an environment with one of their keys; {@code node}
 * is the node the session runs on (1 unless {@code SLIPWAY_NODE} was sent). {@code grantId} is set
 * when a Staging or Production grant let the key in.
 */
public record SshSessionOpened(String sessionId, String projectId, String environmentId, String userId, String fingerprint, String grantId,
        int node, String clientAddress) {
}
