package dev.slipway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.devinfra.DevKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEC-4 tokens in plain JUnit: group service, RS256 with the configured key, reused until near expiry. */
class ServiceTokensTest {

    @TempDir
    Path folder;

    @Test
    void aTokenOfTheServiceGroupIsSignedAndReusedUntilNearExpiry() throws Exception {
        DevKeys keys = new DevKeys(folder).ensure();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ServiceTokens tokens = new ServiceTokens(config(keys.privateKey().toString()), clock);

        String token = tokens.token();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"groups\":[\"service\"]").contains("\"sub\":\"ssh-gateway\"").contains("\"iss\":\"https://slipway.local/dev\"");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(keys.publicKey()));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(3)));
        assertThat(tokens.token()).isSameAs(token);
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(tokens.token()).isNotEqualTo(token);
    }

    @Test
    void aMissingKeyIsNamedWithoutContent() {
        ServiceTokens tokens = new ServiceTokens(config(folder.resolve("absent.pem").toString()));
        assertThatThrownBy(tokens::token).hasMessageContaining("absent.pem");
    }

    private static RSAPublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static ServiceTokenConfig config(String location) {
        return new ServiceTokenConfig() {
            @Override
            public Mode mode() {
                return Mode.DEV_KEY;
            }

            @Override
            public Duration oidcTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public String privateKeyLocation() {
                return location;
            }

            @Override
            public String issuer() {
                return "https://slipway.local/dev";
            }

            @Override
            public String subject() {
                return "ssh-gateway";
            }

            @Override
            public Duration lifetime() {
                return Duration.ofMinutes(5);
            }
        };
    }
}
