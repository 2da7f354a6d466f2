package dev.slipway.gateway.git;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.git.TierPushAccepted;
import dev.slipway.gateway.domain.PushRules;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.service.AccessReadModel;
import dev.slipway.gateway.service.SshAccess;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * SSH-5: deciding a push to a tier remote and, when accepted, asking for its TIER_PUSH deployment
 * ({@code tier-push.accepted}) in one transaction, before the tier's branch moves: an accepted push
 * is never lost, and one whose event could not be recorded is refused.
 */
@ApplicationScoped
public class TierPushes {

    private final SshAccess access;
    private final AccessReadModel readModel;
    private final EventPublisher events;

    public TierPushes(SshAccess access, AccessReadModel readModel, EventPublisher events) {
        this.access = access;
        this.readModel = readModel;
        this.events = events;
    }

    /** The refusal of this ref's change, or empty when accepted and announced. */
    @Transactional
    public Optional<String> accept(SshAccess.KeyHolder holder, String projectId, EnvironmentType tier, String refName, PushRules.Change change,
            String commit, String previousCommit) {
        // The grant is asked again: it may have been revoked or expired since the connection opened.
        Optional<SshGrant> grant = access.tierGrant(holder, projectId, tier.tierId());
        if (grant.isEmpty()) {
            return Optional.of(grantRequired(projectId, tier));
        }
        boolean promotable = change != PushRules.Change.DELETE && readModel.succeededOn(projectId, PushRules.promotionSource(tier), commit);
        Optional<String> refusal = PushRules.refusalOnTier(tier, refName, change, commit, promotable);
        if (refusal.isPresent()) {
            return refusal;
        }
        String pushId = UUID.randomUUID().toString();
        events.publish(EventCatalog.TIER_PUSH_ACCEPTED, projectId, "repositories/" + projectId + "-" + tier.tierId() + ".git/pushes/" + pushId,
                new TierPushAccepted(pushId, projectId, tier.tierId(), commit, previousCommit, holder.userId(), holder.fingerprint(),
                        grant.get().id().toString()));
        return Optional.empty();
    }

    /** SSH-5's answer to a key without a grant on the tier. */
    public static String grantRequired(String projectId, EnvironmentType tier) {
        return "pushing to " + projectId + "-" + tier.tierId() + " needs a grant: open an ADD_SSH_KEY ticket (SSH-5)";
    }
}
