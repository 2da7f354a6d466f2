package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentType;
import org.junit.jupiter.api.Test;

/** SSH-3: what an SSH user name selects; ENV-1 guarantees the first '-' splits project and environment. */
class SshTargetTest {

    @Test
    void gitServesGit() {
        assertThat(SshTarget.parse("git")).contains(new SshTarget.Git());
    }

    @Test
    void projectDashEnvironmentSelectsTheEnvironment() {
        assertThat(SshTarget.parse("acme-feature-1-x")).contains(new SshTarget.Environment("acme", "feature-1-x"));
        SshTarget.Environment production = (SshTarget.Environment) SshTarget.parse("acme-production").orElseThrow();
        assertThat(production.type()).isEqualTo(EnvironmentType.PRODUCTION);
        assertThat(((SshTarget.Environment) SshTarget.parse("acme-staging").orElseThrow()).type()).isEqualTo(EnvironmentType.STAGING);
        assertThat(((SshTarget.Environment) SshTarget.parse("acme-master").orElseThrow()).type()).isEqualTo(EnvironmentType.INTEGRATION);
    }

    @Test
    void namesThatSelectNothing() {
        for (String name : new String[] {"root", "acme-", "-master", "Acme-master", "acme-Master", "ab-master", "acme-feat_1", "acme--x",
                "acme-x-", null}) {
            assertThat(SshTarget.parse(name)).as(String.valueOf(name)).isEmpty();
        }
    }
}
