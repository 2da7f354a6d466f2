package dev.slipway.sshkeys;

import dev.slipway.platform.domain.DomainException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * An OpenSSH public key line that SSH-1 accepts: ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of
 * 2048 bits or more, parsed by MINA SSHD itself. The refusal never repeats the text it was given: a
 * pasted private key must not come back in a response or reach a log (SEC-3).
 *
 * @param keyType     the key's algorithm name, e.g. {@code ssh-ed25519}
 * @param bits        the key's size
 * @param fingerprint as OpenSSH prints it, {@code SHA256:...}
 * @param text        the normalized line, {@code <type> <base64>} without the comment
 * @param comment     the line's comment, or null
 */
public record PublicKeyLine(String keyType, int bits, String fingerprint, String text, String comment, PublicKey key) {

    public static final String RULE = "SSH-1";
    public static final int MIN_RSA_BITS = 2048;
    private static final Set<String> ACCEPTED = Set.of(
            "ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
    private static final int MAX_LENGTH = 16 * 1024;

    /** Parses and checks {@code pasted}; a refusal is a 400 {@code invalid-ssh-key} naming SSH-1. */
    public static PublicKeyLine parse(String pasted) {
        if (pasted == null || pasted.isBlank()) {
            throw refused("No public key given: paste one line such as 'ssh-ed25519 AAAA... you@laptop'.");
        }
        if (looksPrivate(pasted)) {
            throw refused("This is a private key. Paste the public key instead (the .pub file, e.g. ~/.ssh/id_ed25519.pub); "
                    + "the private key was not stored, and you should treat it as exposed.");
        }
        String line = pasted.strip();
        if (line.length() > MAX_LENGTH || line.contains("\n") || line.contains("\r")) {
            throw refused("A public key is a single line: '<type> <base64> [comment]'.");
        }
        String type = line.split("\\s+", 2)[0];
        if (type.equals("ssh-dss")) {
            throw refused("DSA keys are not accepted; use ssh-ed25519 (ssh-keygen -t ed25519).");
        }
        if (!ACCEPTED.contains(type)) {
            throw refused("Not an accepted OpenSSH public key: the line must start with ssh-ed25519, ecdsa-sha2-nistp256, "
                    + "ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 or ssh-rsa.");
        }
        PublicKeyEntry entry;
        PublicKey key;
        try {
            entry = PublicKeyEntry.parsePublicKeyEntry(line);
            key = entry == null ? null : entry.resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            // The parser's message may quote the input: it is not passed on.
            throw refused("The " + type + " key could not be read: its base64 part is damaged or incomplete.");
        }
        if (key == null) {
            throw refused("The " + type + " key could not be read: its base64 part is damaged or incomplete.");
        }
        String actualType = KeyUtils.getKeyType(key);
        if (!type.equals(actualType)) {
            throw refused("The line says " + type + " but holds a " + actualType + " key.");
        }
        int bits = bitsOf(key);
        if (key instanceof DSAPublicKey) {
            throw refused("DSA keys are not accepted; use ssh-ed25519 (ssh-keygen -t ed25519).");
        }
        if (key instanceof RSAPublicKey && bits < MIN_RSA_BITS) {
            throw refused("RSA keys need at least " + MIN_RSA_BITS + " bits; this one has " + bits
                    + ". Use ssh-ed25519 (ssh-keygen -t ed25519) or ssh-keygen -t rsa -b 4096.");
        }
        String[] parts = line.split("\\s+", 3);
        String comment = parts.length == 3 && !parts[2].isBlank() ? parts[2].strip() : null;
        String normalized = type + " " + parts[1];
        return new PublicKeyLine(type, bits, fingerprintOf(key), normalized, comment, key);
    }

    /** The fingerprint OpenSSH prints for {@code key} ({@code ssh-keygen -lf}): {@code SHA256:<base64, no padding>}. */
    public static String fingerprintOf(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static boolean looksPrivate(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.contains("PRIVATE KEY") || upper.contains("-----BEGIN") || text.contains("b3BlbnNzaC1rZXktdjEA")
                || upper.contains("PUTTY-USER-KEY-FILE");
    }

    private static int bitsOf(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 256;
    }

    private static DomainException refused(String detail) {
        return new DomainException(RULE, 400, "invalid-ssh-key", detail);
    }
}
