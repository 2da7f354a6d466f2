package dev.slipway.events.git;

/**
 * SSH-5: a key granted on Staging or Production pushed {@code commit} to the tier remote's
 * {@code master}, and the commit satisfied DEP-5 as far as the gateway knows; deployment-service
 * deploys it with trigger TIER_PUSH (checking DEP-5 again at VALIDATE). {@code pushId} identifies the
 * push, so a repeated event deploys once.
 */
public record TierPushAccepted(String pushId, String projectId, String environmentId, String commit, String previousCommit, String pushedBy,
        String fingerprint, String grantId) {
}
