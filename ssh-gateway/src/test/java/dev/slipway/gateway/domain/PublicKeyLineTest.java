package dev.slipway.gateway.domain;

import dev.slipway.sshkeys.PublicKeyLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gateway.support.SshClient;
import dev.slipway.platform.domain.DomainException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SSH-1 with keys made by the real ssh-keygen: what is accepted, what is refused, fingerprints as OpenSSH prints them. */
class PublicKeyLineTest {

    @ParameterizedTest
    @CsvSource({"ed25519,,ssh-ed25519,256", "ecdsa,256,ecdsa-sha2-nistp256,256", "ecdsa,384,ecdsa-sha2-nistp384,384",
            "ecdsa,521,ecdsa-sha2-nistp521,521", "rsa,2048,ssh-rsa,2048", "rsa,4096,ssh-rsa,4096"})
    void everyAcceptedTypeParsesWithOpenSshsFingerprint(String type, Integer bits, String keyType, int expectedBits) {
        SshClient.KeyPairFiles key = SshClient.generate(type, bits);
        PublicKeyLine line = PublicKeyLine.parse(key.publicLine());
        assertThat(line.keyType()).isEqualTo(keyType);
        assertThat(line.bits()).isEqualTo(expectedBits);
        assertThat(line.comment()).isEqualTo("test@" + type);
        assertThat(line.text()).isEqualTo(key.publicLine().substring(0, key.publicLine().lastIndexOf(' ')));
        String printed = SshClient.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key.privateKey() + ".pub"), Map.of(), 30).stdout();
        assertThat(printed.split(" ")[1]).isEqualTo(line.fingerprint());
    }

    @Test
    void dsaIsRefused() {
        SshClient.KeyPairFiles key = SshClient.generate("dsa", null);
        assertRefused(key.publicLine(), "DSA keys are not accepted");
    }

    @Test
    void rsaOf1024BitsIsRefused() {
        SshClient.KeyPairFiles key = SshClient.generate("rsa", 1024);
        assertRefused(key.publicLine(), "RSA keys need at least 2048 bits; this one has 1024");
    }

    @Test
    void aPrivateKeyIsRefusedWithoutBeingEchoed() throws Exception {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        String privateKey = Files.readString(key.privateKey());
        String body = privateKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThatThrownBy(() -> PublicKeyLine.parse(privateKey)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.getMessage()).contains("private key").doesNotContain(body.substring(0, 20));
            assertThat(refusal.rule()).isEqualTo("SSH-1");
        });
        // The base64 body alone (without its armour) is recognised too.
        assertRefused(body, "private key");
    }

    @Test
    void garbageIsRefused() {
        assertRefused("ssh-ed25519 AAAAnot-base64!!", "could not be read");
        assertRefused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIQ==", "could not be read");
        assertRefused("hello world", "Not an accepted OpenSSH public key");
        assertRefused("", "No public key given");
        assertRefused("ssh-ed25519 AAAA\nssh-ed25519 BBBB", "single line");
    }

    @Test
    void aLineWhoseTypeLiesIsRefused() {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        String base64 = key.publicLine().split(" ")[1];
        assertRefused("ssh-rsa " + base64, "The ssh-rsa key could not be read");
    }

    private static void assertRefused(String text, String because) {
        assertThatThrownBy(() -> PublicKeyLine.parse(text)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.getMessage()).contains(because);
        });
    }
}
