package dev.slipway.gateway.service;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.domain.SshGrantRepository;
import dev.slipway.gateway.domain.SshKey;
import dev.slipway.gateway.domain.SshKeyRepository;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.gateway.messaging.AccessEvents;
import dev.slipway.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's own keys (SSH-1): add, list, get, remove. Removing a key revokes its grants and ends its
 * open sessions on every gateway instance (SSH-2).
 */
@ApplicationScoped
public class SshKeyService {

    /** Outcome of registering a key: the key, and whether it was new (an identical repeat is not). */
    public record Registered(SshKey key, boolean created) {
    }

    private final SshKeyRepository keys;
    private final SshGrantRepository grants;
    private final AccessEvents events;
    private final AccessChanges changes;

    public SshKeyService(SshKeyRepository keys, SshGrantRepository grants, AccessEvents events, AccessChanges changes) {
        this.keys = keys;
        this.grants = grants;
        this.events = events;
        this.changes = changes;
    }

    /**
     * Registers {@code line} for {@code userId}. The same key again for the same user is the key
     * they already have; for another user it is refused (409, SSH-1).
     */
    @Transactional
    public Registered add(String userId, String title, PublicKeyLine line) {
        Optional<SshKey> existing = keys.byFingerprint(line.fingerprint());
        if (existing.isPresent()) {
            existing.get().requireOwnedBy(userId);
            return new Registered(existing.get(), false);
        }
        SshKey key = SshKey.register(userId, title, line, Instant.now());
        keys.persist(key);
        events.keyAdded(key);
        keys.flush();
        return new Registered(key, true);
    }

    /** The caller's keys, oldest first, after {@code cursor} ({@code <createdAt>|<id>}). */
    @Transactional
    public List<SshKey> list(String userId, String cursor, int limit) {
        TimeCursor after = TimeCursor.parse(cursor);
        return after == null ? keys.ofUser(userId, null, null, limit) : keys.ofUser(userId, after.at(), after.id(), limit);
    }

    public static String cursorOf(SshKey key) {
        return TimeCursor.of(key.createdAt(), key.id());
    }

    /** One of the caller's keys; another user's key is as absent as an unknown one. */
    @Transactional
    public SshKey get(String userId, UUID keyId) {
        return keys.findByIdOptional(keyId).filter(key -> key.userId().equals(userId))
                .orElseThrow(() -> ProblemException.notFound("You have no SSH key " + keyId + "."));
    }

    /** Removes the key, revokes its grants and ends its sessions everywhere. */
    @Transactional
    public void remove(String userId, UUID keyId) {
        SshKey key = get(userId, keyId);
        Instant now = Instant.now();
        for (SshGrant grant : grants.unrevokedOfKey(key.id())) {
            grant.revoke(userId, "key removed", now);
            events.grantRevoked(grant);
        }
        keys.delete(key);
        events.keyRemoved(key);
        changes.accessMayHaveShrunk("key:" + key.id());
    }
}
