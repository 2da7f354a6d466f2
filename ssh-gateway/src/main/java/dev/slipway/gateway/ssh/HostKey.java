package dev.slipway.gateway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The gateway's ed25519 host key (SSH-3): created on first start in OpenSSH's own format, then
 * read back on every start, so clients' known_hosts entries stay valid. Instances sharing the file
 * race safely: the key is written to a temporary file and linked into place only if none is there.
 */
public final class HostKey {

    private HostKey() {
    }

    public static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            create(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    FilePasswordProvider.EMPTY).iterator();
            if (!keys.hasNext()) {
                throw new GeneralSecurityException("No host key in " + file);
            }
            return keys.next();
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Path temporary = Files.createTempFile(directory, ".host-key-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows development machines: the folder's own permissions apply.
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "slipway-ssh-gateway", null, out);
            }
            // A hard link never replaces an existing file: the first instance's key wins.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException anotherInstanceWon) {
            // Keep theirs: every instance must present the same key.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
