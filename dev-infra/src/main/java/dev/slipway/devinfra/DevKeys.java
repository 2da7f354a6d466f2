package dev.slipway.devinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs locally minted JWTs (SEC-1). Generated on first use into a folder
 * under {@code .slipway/}, which git ignores; never committed. Production verifies tokens of a
 * real issuer (for example Keycloak) instead.
 */
public final class DevKeys {

    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";
    /** SEC-3: the AES-256 key ticket-service seals sensitive ticket values with (base64 of 32 random bytes). */
    public static final String TICKET_SECRETS_KEY = "ticket-secrets.key";

    private final Path dir;

    public DevKeys(Path dir) {
        this.dir = dir;
    }

    public static DevKeys forSuite(SlipwayHome home) {
        return new DevKeys(home.state("keys"));
    }

    public static DevKeys forTests(SlipwayHome home) {
        return new DevKeys(home.state("test-keys"));
    }

    public Path publicKey() {
        return dir.resolve(PUBLIC_KEY);
    }

    public Path privateKey() {
        return dir.resolve(PRIVATE_KEY);
    }

    public Path ticketSecretsKey() {
        return dir.resolve(TICKET_SECRETS_KEY);
    }

    /** Generates the pair and the ticket secrets key unless their files exist. */
    public synchronized DevKeys ensure() {
        ensureTicketSecretsKey();
        if (Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())) {
            return this;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Path tmpPrivate = Files.createTempFile(dir, "private", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path tmpPublic = Files.createTempFile(dir, "public", ".tmp");
            Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(tmpPrivate, privateKey(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPublic, publicKey(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException | GeneralSecurityException e) {
            throw new InfraException("Cannot create development keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    public RSAPrivateKey loadPrivateKey() {
        ensure();
        try {
            String pem = Files.readString(privateKey());
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new InfraException("Cannot read " + privateKey() + ": " + e.getMessage(), e);
        }
    }

    private void ensureTicketSecretsKey() {
        if (Files.isRegularFile(ticketSecretsKey())) {
            return;
        }
        try {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "ticket-secrets", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
            Files.move(tmp, ticketSecretsKey(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InfraException("Cannot create the ticket secrets key in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
