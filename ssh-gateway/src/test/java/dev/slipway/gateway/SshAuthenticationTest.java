package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.service.SshKeyService;
import dev.slipway.gateway.config.SshConfig;
import dev.slipway.gateway.ssh.HostKey;
import dev.slipway.gateway.ssh.SshServerLifecycle;
import dev.slipway.gateway.support.GatewayWorld;
import dev.slipway.gateway.support.SshClient;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SSH-3 with the real OpenSSH client: public keys only, nothing forwarded, the host key shown. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class SshAuthenticationTest {

    @Inject
    SshServerLifecycle server;

    @Inject
    SshKeyService keys;

    @Inject
    SshConfig config;

    @Test
    void anUnknownKeyIsRefused() {
        SshClient.KeyPairFiles stranger = SshClient.generate("ed25519", null);
        SshClient.Result result = SshClient.ssh(stranger, server.port(), "git", "git-upload-pack", "'/nothing.git'");
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void passwordAndKeyboardInteractiveAreNotOffered() {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        for (String method : List.of("password", "keyboard-interactive")) {
            List<String> command = new ArrayList<>(List.of("ssh"));
            command.addAll(SshClient.options(key, server.port()));
            command.addAll(List.of("-o", "PreferredAuthentications=" + method, "-o", "PubkeyAuthentication=no", "git@127.0.0.1", "true"));
            SshClient.Result result = SshClient.run(command, Map.of(), 60);
            assertThat(result.exitCode()).as(method).isEqualTo(255);
            assertThat(result.stderr()).as(method).contains("Permission denied (publickey)");
        }
    }

    @Test
    void aRegisteredKeyAuthenticatesAsGit() {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        keys.add("dora", null, PublicKeyLine.parse(key.publicLine()));
        SshClient.Result result = SshClient.ssh(key, server.port(), "git", "no-such-command");
        assertThat(result.exitCode()).isNotEqualTo(255);
    }

    @Test
    void theServedHostKeyIsTheKeptFileSoARestartServesTheSameKey() throws Exception {
        SshClient.Result scan = SshClient.run(List.of("ssh-keyscan", "-t", "ed25519", "-p", Integer.toString(server.port()), "127.0.0.1"),
                Map.of(), 30);
        assertThat(scan.stdout()).contains("ssh-ed25519");
        java.nio.file.Path scanned = GatewayWorld.temporaryFolder("slipway-keyscan-").resolve("known_hosts");
        java.nio.file.Files.writeString(scanned, scan.stdout());
        String served = SshClient.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", scanned.toString()), Map.of(), 30).stdout();
        // What a restart reads: the kept file. It must be the key clients already trust.
        String kept = PublicKeyLine.fingerprintOf(HostKey.loadOrCreate(config.hostKey()).getPublic());
        assertThat(served).contains(kept);
        assertThat(server.hostKeyFingerprint()).isEqualTo(kept);
    }

    @Test
    void theKeyExchangeIsTheConfiguredOnesSoDebiansClientAgreesOnCurve25519AndSntrup761IsNotOffered() {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        keys.add("kex", null, PublicKeyLine.parse(key.publicLine()));
        // The client as it comes (OpenSSH 9.2 proposes sntrup761x25519-sha512@openssh.com first).
        SshClient.Result usual = SshClient.sshWith(key, server.port(), List.of("-v"), "git", "no-such-command");
        assertThat(usual.stderr()).contains("kex: algorithm: curve25519-sha256");
        SshClient.Result sntrup = SshClient.sshWith(key, server.port(), List.of("-v", "-o", "KexAlgorithms=sntrup761x25519-sha512@openssh.com"),
                "git", "no-such-command");
        assertThat(sntrup.exitCode()).isEqualTo(255);
        assertThat(sntrup.stderr()).contains("no matching key exchange method found");
    }
}
