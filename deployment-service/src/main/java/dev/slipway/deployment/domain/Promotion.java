package dev.slipway.deployment.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;
import java.util.Set;

/**
 * What VALIDATE checks before anything runs on Staging or Production: DEP-5 (a commit is promoted
 * Integration master → Staging → Production) and CFG-3 (a changed configuration needs its digest
 * approved by a DEPLOYMENT_SETTINGS ticket; the tier's first deployment sets it). Integration
 * environments take any commit and any configuration.
 */
public final class Promotion {

    private Promotion() {
    }

    /** DEP-5: the environment whose successful deployment of the commit a tier needs; empty for Integration. */
    public static Optional<String> sourceOf(EnvironmentType target) {
        return target.promotedFrom();
    }

    /** DEP-5: refused unless {@code commit} succeeded on the source (Integration master for Staging, Staging for Production). */
    public static Optional<Refusal> checkPromotion(EnvironmentType target, String commit, boolean succeededOnSource) {
        if (target.isSelfService() || succeededOnSource) {
            return Optional.empty();
        }
        String source = target == EnvironmentType.STAGING ? "Integration master" : "Staging";
        return Refusal.of("DEP-5", 422, "promotion-required",
                "DEP-5: commit " + commit + " has no successful deployment on " + source + "; deploy it there first.");
    }

    /**
     * CFG-3: on a tier whose current digest differs, the new digest must have been approved. A tier
     * that never deployed ({@code current} null) takes the first one.
     */
    public static Optional<Refusal> checkConfiguration(EnvironmentType target, String digest, String current, Set<String> approved) {
        if (target.isSelfService() || current == null || current.equals(digest) || approved.contains(digest)) {
            return Optional.empty();
        }
        return Refusal.of("CFG-3", 422, "configuration-not-approved",
                "CFG-3: configuration change requires an approved DEPLOYMENT_SETTINGS ticket (digest " + digest + ")");
    }
}
