package dev.slipway.deployment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DEP-5 and CFG-3 as decisions. */
class PromotionTest {

    @Test
    void aCommitIsPromotedFromMasterToStagingToProduction() {
        assertThat(Promotion.sourceOf(EnvironmentType.STAGING)).contains("master");
        assertThat(Promotion.sourceOf(EnvironmentType.PRODUCTION)).contains("staging");
        assertThat(Promotion.sourceOf(EnvironmentType.INTEGRATION)).isEmpty();
        assertThat(Promotion.checkPromotion(EnvironmentType.INTEGRATION, "abc", false)).isEmpty();
        assertThat(Promotion.checkPromotion(EnvironmentType.STAGING, "abc", true)).isEmpty();
        assertThat(Promotion.checkPromotion(EnvironmentType.STAGING, "abc", false).orElseThrow().detail())
                .isEqualTo("DEP-5: commit abc has no successful deployment on Integration master; deploy it there first.");
        assertThat(Promotion.checkPromotion(EnvironmentType.PRODUCTION, "abc", false).orElseThrow().detail()).contains("on Staging");
    }

    @Test
    void aChangedConfigurationNeedsItsDigestApprovedOnTheTiersOnly() {
        assertThat(Promotion.checkConfiguration(EnvironmentType.PRODUCTION, "sha256:new", null, Set.of())).as("first deployment sets it").isEmpty();
        assertThat(Promotion.checkConfiguration(EnvironmentType.PRODUCTION, "sha256:same", "sha256:same", Set.of())).isEmpty();
        assertThat(Promotion.checkConfiguration(EnvironmentType.PRODUCTION, "sha256:new", "sha256:old", Set.of("sha256:new"))).isEmpty();
        assertThat(Promotion.checkConfiguration(EnvironmentType.INTEGRATION, "sha256:new", "sha256:old", Set.of())).isEmpty();
        assertThat(Promotion.checkConfiguration(EnvironmentType.STAGING, "sha256:new", "sha256:old", Set.of()).orElseThrow().detail())
                .isEqualTo("CFG-3: configuration change requires an approved DEPLOYMENT_SETTINGS ticket (digest sha256:new)");
    }
}
