package dev.slipway.gateway.domain;

import dev.slipway.sshkeys.PublicKeyLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gateway.support.SshClient;
import dev.slipway.platform.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SSH-2: grants exist for the tiers only, expire with nobody acting and stay revoked. */
class SshGrantTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final SshKey KEY = SshKey.register("bob", null, PublicKeyLine.parse(SshClient.generate("ed25519", null).publicLine()), NOW);

    @Test
    void aGrantIsInForceUntilItExpires() {
        SshGrant grant = SshGrant.fromTicket("T-1", "acme", "production", KEY, NOW.plus(Duration.ofHours(1)), "carol", NOW);
        assertThat(grant.isInForceAt(NOW.plus(Duration.ofMinutes(59)))).isTrue();
        assertThat(grant.stateAt(NOW.plus(Duration.ofHours(1)))).isEqualTo(SshGrant.State.EXPIRED);
        assertThat(grant.userId()).isEqualTo("bob");
        assertThat(grant.fingerprint()).isEqualTo(KEY.fingerprint());
    }

    @Test
    void revokingEndsItOnce() {
        SshGrant grant = SshGrant.fromTicket("T-2", "acme", "staging", KEY, null, "carol", NOW);
        assertThat(grant.revoke("alice", "revoked by alice", NOW)).isTrue();
        assertThat(grant.revoke("alice", "again", NOW.plusSeconds(1))).isFalse();
        assertThat(grant.stateAt(NOW.plusSeconds(5))).isEqualTo(SshGrant.State.REVOKED);
        assertThat(grant.revokedReason()).isEqualTo("revoked by alice");
    }

    @Test
    void integrationTakesNoGrantAndAPastExpiryIsRefused() {
        assertThatThrownBy(() -> SshGrant.fromTicket("T-3", "acme", "master", KEY, null, "carol", NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.rule()).isEqualTo("SSH-2"));
        assertThatThrownBy(() -> SshGrant.fromTicket("T-4", "acme", "production", KEY, NOW, "carol", NOW))
                .hasMessageContaining("already passed");
    }

    @Test
    void oneKeyBelongsToOneUser() {
        KEY.requireOwnedBy("bob");
        assertThatThrownBy(() -> KEY.requireOwnedBy("mallory")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.status()).isEqualTo(409));
    }
}
