package dev.slipway.gateway.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.junit.jupiter.api.Test;

class KeyExchangesTest {

    @Test
    void namesResolveInTheirOrder() {
        List<KeyExchangeFactory> factories = KeyExchanges.resolve(List.of("mlkem768x25519-sha256", " curve25519-sha256"));
        assertThat(factories).extracting(KeyExchangeFactory::getName).containsExactly("mlkem768x25519-sha256", "curve25519-sha256");
    }

    @Test
    void anUnknownNameIsRefusedWithTheSupportedOnes() {
        assertThatThrownBy(() -> KeyExchanges.resolve(List.of("curve25519-sha256", "curve9999-md5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown or unsupported curve9999-md5")
                .hasMessageContaining("supported: ")
                .hasMessageContaining("sntrup761x25519-sha512");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> KeyExchanges.resolve(List.of())).hasMessageContaining("no key exchange is named");
    }
}
