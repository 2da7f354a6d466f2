package dev.slipway.gateway.domain;

import static dev.slipway.events.ProjectRole.ADMIN;
import static dev.slipway.events.ProjectRole.CONTRIBUTOR;
import static dev.slipway.events.ProjectRole.VIEWER;
import static dev.slipway.gateway.domain.PushRules.Change.CREATE;
import static dev.slipway.gateway.domain.PushRules.Change.DELETE;
import static dev.slipway.gateway.domain.PushRules.Change.REWRITE;
import static dev.slipway.gateway.domain.PushRules.Change.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushRulesTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void contributorsPushBranchesAndRewriteTheirOwnButNotMaster() {
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/heads/feature", CREATE, "master")).isEmpty();
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/heads/master", UPDATE, "master")).isEmpty();
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/heads/feature", REWRITE, "master")).isEmpty();
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/heads/master", REWRITE, "master")).get().asString()
                .contains("needs the admin role");
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/heads/master", REWRITE, "master")).isEmpty();
    }

    @Test
    void deletingABranchNeedsAnAdminAndMasterIsNeverDeleted() {
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/heads/feature", DELETE, "master")).get().asString()
                .contains("Deleting branch feature needs the admin role");
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/heads/feature", DELETE, "master")).isEmpty();
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/heads/master", DELETE, "master")).get().asString().contains("ENV-4");
    }

    @Test
    void viewersPushNothing() {
        assertThat(PushRules.refusalOnProject(VIEWER, "refs/heads/feature", CREATE, "master")).get().asString()
                .contains("Pushing needs the contributor role; you are viewer.");
        assertThat(PushRules.refusalOnProject(VIEWER, "refs/tags/v1", CREATE, "master")).isPresent();
    }

    @Test
    void contributorsCreateTagsAndAdminsMoveOrDeleteThem() {
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/tags/v1", CREATE, "master")).isEmpty();
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/tags/v1", UPDATE, "master")).get().asString().contains("admin");
        assertThat(PushRules.refusalOnProject(CONTRIBUTOR, "refs/tags/v1", DELETE, "master")).isPresent();
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/tags/v1", DELETE, "master")).isEmpty();
    }

    @Test
    void otherRefsAreRefused() {
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/notes/commits", CREATE, "master")).get().asString().contains("refs/heads/*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a{b}", "fix(1)", "star*", "a<b", "x&y", "100%", "with space", "tab\there"})
    void env2BranchNamesWithForbiddenCharactersAreRefused(String branch) {
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/heads/" + branch, CREATE, "master")).get().asString().startsWith("ENV-2");
    }

    @Test
    void overlongBranchNamesAreRefusedButDeletingOneIsNot() {
        String branch = "b".repeat(256);
        assertThat(PushRules.branchNameRefusal(branch)).get().asString().contains("255");
        assertThat(PushRules.refusalOnProject(ADMIN, "refs/heads/" + branch, DELETE, "master")).isEmpty();
    }

    @Test
    void environmentIdsFollowEnv2() {
        assertThat(PushRules.environmentIdOf("Feature/Login_page.v2 x")).isEqualTo("feature-login-page-v2-x");
        assertThat(PushRules.isEnvironmentId("feature-login")).isTrue();
        assertThat(PushRules.isEnvironmentId("-x")).isFalse();
        assertThat(PushRules.isEnvironmentId("staging")).isFalse();
        assertThat(PushRules.isEnvironmentId("a".repeat(33))).isFalse();
    }

    @Test
    void aNewBranchSaysItsEnvironmentWillBeCreatedAndDeployed() {
        assertThat(PushRules.remoteLine("Feature/X", CREATE, SHA, null, null, 3, 8))
                .contains("Slipway: environment feature-x will be created from branch Feature/X and deployed.");
    }

    @Test
    void aNewBranchAtTheEnv3LimitSaysItsEnvironmentWillBeInactive() {
        assertThat(PushRules.remoteLine("feature", CREATE, SHA, null, null, 8, 8)).contains("Slipway: environment feature will be created "
                + "INACTIVE: ENV-3 allows 8 active environments and 8 are active; deactivate one, then activate feature.");
    }

    @Test
    void aNewBranchWhoseIdBreaksEnv2SaysSo() {
        assertThat(PushRules.remoteLine("staging", CREATE, SHA, null, null, 1, 8)).get().asString().contains("makes no environment");
    }

    @Test
    void existingEnvironmentsDeployOrSayTheyAreInactive() {
        assertThat(PushRules.remoteLine("feature", UPDATE, SHA, "feature", "ACTIVE", 2, 8)).contains("Slipway: deploying feature at 0123456.");
        assertThat(PushRules.remoteLine("feature", UPDATE, SHA, "feature", "DIRTY", 2, 8)).contains("Slipway: deploying feature at 0123456.");
        assertThat(PushRules.remoteLine("feature", REWRITE, SHA, "feature", "INACTIVE", 2, 8))
                .contains("Slipway: feature is inactive: the push is stored, not deployed (activate it to deploy).");
        assertThat(PushRules.remoteLine("feature", UPDATE, SHA, "feature", "DELETING", 2, 8)).isEmpty();
    }

    @Test
    void deletingABranchSaysItsEnvironmentGoesWithIt() {
        assertThat(PushRules.remoteLine("feature", DELETE, null, "feature", "INACTIVE", 2, 8))
                .contains("Slipway: environment feature will be deleted with its branch.");
        assertThat(PushRules.remoteLine("plain", DELETE, null, null, null, 2, 8)).isEmpty();
    }

    @Test
    void tierRemotesTakeMasterForwardWithAPromotableCommitOnly() {
        assertThat(PushRules.refusalOnTier(EnvironmentType.STAGING, "refs/heads/master", UPDATE, SHA, true)).isEmpty();
        assertThat(PushRules.refusalOnTier(EnvironmentType.STAGING, "refs/heads/master", CREATE, SHA, true)).isEmpty();
        assertThat(PushRules.refusalOnTier(EnvironmentType.STAGING, "refs/heads/feature", CREATE, SHA, true)).get().asString()
                .contains("master only (SSH-5)");
        assertThat(PushRules.refusalOnTier(EnvironmentType.PRODUCTION, "refs/heads/master", DELETE, null, false)).get().asString()
                .contains("cannot be deleted");
        assertThat(PushRules.refusalOnTier(EnvironmentType.PRODUCTION, "refs/heads/master", REWRITE, SHA, true)).get().asString()
                .contains("DEP-9");
    }

    @Test
    void dep5NamesTheCommitAndTheSourceTier() {
        assertThat(PushRules.refusalOnTier(EnvironmentType.STAGING, "refs/heads/master", UPDATE, SHA, false))
                .contains("DEP-5: commit " + SHA + " has no successful deployment on Integration master");
        assertThat(PushRules.refusalOnTier(EnvironmentType.PRODUCTION, "refs/heads/master", UPDATE, SHA, false))
                .contains("DEP-5: commit " + SHA + " has no successful deployment on Staging");
        assertThat(PushRules.promotionSource(EnvironmentType.STAGING)).isEqualTo("master");
        assertThat(PushRules.promotionSource(EnvironmentType.PRODUCTION)).isEqualTo("staging");
        assertThat(PushRules.tierPushLine(EnvironmentType.PRODUCTION, SHA)).isEqualTo("Slipway: deploying 0123456 to Production (TIER_PUSH)");
    }
}
