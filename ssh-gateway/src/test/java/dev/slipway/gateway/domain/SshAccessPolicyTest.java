package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SSH-2 and SSH-4 decisions, table-driven, without a server. */
class SshAccessPolicyTest {

    @ParameterizedTest(name = "{0} on {1} with access.ssh {2}, grant {3}: {4}")
    @CsvSource({
            // role, environment type, access.ssh (empty: not reported), grant in force, allowed
            "admin, INTEGRATION, , false, true",
            "contributor, INTEGRATION, , false, false",
            "contributor, INTEGRATION, CONTRIBUTOR, false, true",
            "viewer, INTEGRATION, CONTRIBUTOR, false, false",
            "viewer, INTEGRATION, VIEWER, false, true",
            "admin, PRODUCTION, , false, false",
            "viewer, PRODUCTION, , true, true",
            "contributor, STAGING, , true, true",
            "contributor, STAGING, , false, false",
            ", STAGING, , true, false",
            ", INTEGRATION, VIEWER, false, false"})
    void whoEntersWhichEnvironment(String role, EnvironmentType type, ProjectRole sshAccess, boolean grant, boolean allowed) {
        Optional<ProjectRole> member = role == null ? Optional.empty() : Optional.of(ProjectRole.fromWire(role));
        Optional<Refusal> refusal = SshAccessPolicy.mayEnter(type, member, sshAccess, grant);
        assertThat(refusal.isEmpty()).isEqualTo(allowed);
        refusal.ifPresent(r -> assertThat(r.rule()).isEqualTo("SSH-2"));
    }

    @Test
    void aTierRefusalSaysWhichTicketToOpen() {
        assertThat(SshAccessPolicy.mayEnter(EnvironmentType.PRODUCTION, Optional.of(ProjectRole.ADMIN), null, false).orElseThrow().detail())
                .contains("ADD_SSH_KEY");
    }

    @ParameterizedTest(name = "{0} pushing {1} (delete {2}, rewrite {3}): {4}")
    @CsvSource({
            "viewer, feature, false, false, false",
            "contributor, feature, false, false, true",
            "contributor, feature, false, true, true",
            "contributor, master, false, false, true",
            "contributor, master, false, true, false",
            "contributor, feature, true, false, false",
            "admin, master, false, true, true",
            "admin, feature, true, false, true"})
    void whoPushesWhat(String role, String branch, boolean deletes, boolean rewrites, boolean allowed) {
        assertThat(SshAccessPolicy.mayUpdate(ProjectRole.fromWire(role), branch, deletes, rewrites, "master").isEmpty()).isEqualTo(allowed);
    }

    @Test
    void readingNeedsMembershipAndHidesTheRepositoryOtherwise() {
        assertThat(SshAccessPolicy.mayRead(Optional.of(ProjectRole.VIEWER))).isEmpty();
        assertThat(SshAccessPolicy.mayRead(Optional.empty()).orElseThrow().status()).isEqualTo(404);
    }
}
