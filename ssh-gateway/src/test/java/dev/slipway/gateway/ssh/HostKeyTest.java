package dev.slipway.gateway.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.support.GatewayWorld;
import dev.slipway.gateway.support.SshClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** SSH-3: the host key is created once, kept, shared by instances, and readable by OpenSSH's own tools. */
class HostKeyTest {

    @Test
    void theKeyCreatedOnFirstStartIsTheKeyOfEveryLaterStart() throws Exception {
        Path file = GatewayWorld.temporaryFolder("slipway-host-key-").resolve("ssh/host-ed25519-key");
        KeyPair first = HostKey.loadOrCreate(file);
        KeyPair second = HostKey.loadOrCreate(file);
        assertThat(PublicKeyLine.fingerprintOf(second.getPublic())).isEqualTo(PublicKeyLine.fingerprintOf(first.getPublic()));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // OpenSSH reads the file as an ed25519 private key and prints the same fingerprint.
        SshClient.Result printed = SshClient.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", file.toString()), Map.of(), 30);
        assertThat(printed.stdout()).contains(PublicKeyLine.fingerprintOf(first.getPublic())).contains("ED25519");
    }

    @Test
    void instancesStartingTogetherAgreeOnOneKey() throws Exception {
        Path file = GatewayWorld.temporaryFolder("slipway-host-key-").resolve("host-ed25519-key");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<KeyPair>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(pool.submit(() -> HostKey.loadOrCreate(file)));
            }
            Set<String> fingerprints = ConcurrentHashMap.newKeySet();
            for (Future<KeyPair> start : starts) {
                fingerprints.add(PublicKeyLine.fingerprintOf(start.get().getPublic()));
            }
            assertThat(fingerprints).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(Path::getFileName).map(Path::toString).toList()).containsExactly("host-ed25519-key");
        }
    }
}
