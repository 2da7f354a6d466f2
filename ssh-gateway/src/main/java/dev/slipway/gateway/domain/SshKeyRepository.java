package dev.slipway.gateway.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users' SSH keys (SSH-1) and the queries on them. */
@ApplicationScoped
public class SshKeyRepository implements PanacheRepositoryBase<SshKey, UUID> {

    /** The key with this fingerprint: one indexed lookup, whatever the number of keys (authentication, SSH-3). */
    public Optional<SshKey> byFingerprint(String fingerprint) {
        return find("fingerprint", fingerprint).firstResultOptional();
    }

    /** Notes that the key authenticated at {@code now}, at most once a minute per key so busy keys cost no write per connection. */
    public void recordUse(UUID keyId, Instant now) {
        update("lastUsedAt = :now WHERE id = :id AND (lastUsedAt IS NULL OR lastUsedAt < :recent)",
                Parameters.with("now", now).and("id", keyId).and("recent", now.minusSeconds(60)));
    }

    /** A user's keys, oldest first, after the cursor ({@code createdAt|id}), at most {@code limit}. */
    public List<SshKey> ofUser(String userId, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated == null) {
            return find("userId = :user ORDER BY createdAt, id", Parameters.with("user", userId)).range(0, limit - 1).list();
        }
        return find("userId = :user AND (createdAt > :at OR (createdAt = :at AND id > :id)) ORDER BY createdAt, id",
                Parameters.with("user", userId).and("at", afterCreated).and("id", afterId)).range(0, limit - 1).list();
    }

    /** The keys of several users, by user then age (the keys that reach a project). */
    public List<SshKey> ofUsers(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return list("userId IN :users ORDER BY userId, createdAt, id", Parameters.with("users", userIds));
    }
}
