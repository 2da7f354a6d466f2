package dev.slipway.gateway.domain;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.platform.domain.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's SSH public key (SSH-1). It belongs to exactly one user; what it reaches follows from its
 * owner's project roles and from grants (SSH-2). Removing it ends every session it holds.
 */
@Entity
@Table(name = "ssh_key")
public class SshKey {

    public static final int MAX_TITLE = 255;

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(nullable = false)
    private String title;

    @Column(name = "key_type", nullable = false)
    private String keyType;

    @Column(nullable = false)
    private int bits;

    @Column(nullable = false, unique = true)
    private String fingerprint;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected SshKey() {
    }

    /** Registers {@code line} for {@code userId}; the title defaults to the key's comment, else its type. */
    public static SshKey register(String userId, String title, PublicKeyLine line, Instant now) {
        String chosen = title == null || title.isBlank() ? (line.comment() == null ? line.keyType() : line.comment()) : title.strip();
        if (chosen.length() > MAX_TITLE) {
            throw new DomainException("SSH-1", 400, "invalid-value", "A key's title has at most " + MAX_TITLE + " characters.");
        }
        SshKey key = new SshKey();
        key.id = UUID.randomUUID();
        key.userId = userId;
        key.title = chosen;
        key.keyType = line.keyType();
        key.bits = line.bits();
        key.fingerprint = line.fingerprint();
        key.publicKey = line.text();
        key.createdAt = now;
        return key;
    }

    /** SSH-1: one key belongs to one user. */
    public void requireOwnedBy(String user) {
        if (!userId.equals(user)) {
            throw new DomainException("SSH-1", 409, "key-owned-by-another-user",
                    "This key (" + fingerprint + ") is registered to another user; one key belongs to one user.");
        }
    }

    public void usedAt(Instant when) {
        lastUsedAt = when;
    }

    public UUID id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String title() {
        return title;
    }

    public String keyType() {
        return keyType;
    }

    public int bits() {
        return bits;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String publicKey() {
        return publicKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
