package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.platform.domain.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** ENV-2: which branch names make an Integration environment, and its id. */
class BranchNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "master, master",
            "feature/checkout, feature-checkout",
            "Feature_Checkout, feature-checkout",
            "release/2026.11, release-2026-11",
            "a, a",
            "x1, x1",
            "UPPER, upper",
            "a-b_c.d/e, a-b-c-d-e",
            "abcdefghijklmnopqrstuvwxyz012345, abcdefghijklmnopqrstuvwxyz012345",
    })
    void aBranchGivesItsSlugAsEnvironmentId(String branch, String id) {
        assertThat(new BranchName(branch).environmentId()).isEqualTo(id);
        assertThat(BranchName.ofEnvironment(branch)).map(BranchName::environmentId).contains(id);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "tab\there", "a{b", "a}b", "a(b", "a)b", "a*b", "a<b", "a>b", "a&b", "a%b", "a~b", "a^b", "a:b",
            "a?b", "a[b", "a\\b", "bell\u0007", "del\u007f", "/leading", "trailing/", "a//b", "a..b", "a@{b", "@", "dot.", ".hidden",
            "dir/.hidden", "name.lock", "dir/name.lock/x", "-dash"})
    void invalidGitRefNamesAndForbiddenCharactersAreRefused(String branch) {
        assertThatThrownBy(() -> new BranchName(branch)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.rule()).isEqualTo("ENV-2");
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.slug()).isEqualTo("invalid-branch-name");
        });
        assertThat(BranchName.ofEnvironment(branch)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"ends-", "_starts", "a_", "é", "abcdefghijklmnopqrstuvwxyz0123456"})
    void branchesWhoseSlugIsNoEnvironmentIdAreRefused(String branch) {
        BranchName name = new BranchName(branch);
        assertThatThrownBy(name::environmentId).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.rule()).isEqualTo("ENV-2");
            assertThat(refusal.slug()).isEqualTo("invalid-branch-name");
        });
        assertThat(BranchName.ofEnvironment(branch)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"staging", "production", "Staging", "PRODUCTION", "Production"})
    void stagingAndProductionAreReservedIds(String branch) {
        assertThatThrownBy(() -> new BranchName(branch).environmentId()).isInstanceOfSatisfying(DomainException.class,
                refusal -> assertThat(refusal.slug()).isEqualTo("reserved-environment-id"));
        assertThat(BranchName.ofEnvironment(branch)).isEmpty();
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({"feature/x, feature_x", "a.b, a/b", "Fix, fix"})
    void differentBranchesCanGiveTheSameIdWhichTheProjectThenRefuses(String one, String other) {
        assertThat(new BranchName(one).environmentId()).isEqualTo(new BranchName(other).environmentId());
    }
}
