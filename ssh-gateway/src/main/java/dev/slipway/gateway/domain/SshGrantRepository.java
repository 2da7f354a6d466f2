package dev.slipway.gateway.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Grants on Staging and Production (SSH-2) and the queries on them. */
@ApplicationScoped
public class SshGrantRepository implements PanacheRepositoryBase<SshGrant, UUID> {

    /** The unrevoked grant of a key on a tier in force at {@code now}, if any (the latest one wins). */
    public Optional<SshGrant> inForce(String fingerprint, String projectId, String environmentId, Instant now) {
        return find("fingerprint = :fingerprint AND projectId = :project AND environmentId = :environment AND revokedAt IS NULL "
                + "AND (expiresAt IS NULL OR expiresAt > :now) ORDER BY createdAt DESC",
                Parameters.with("fingerprint", fingerprint).and("project", projectId).and("environment", environmentId).and("now", now))
                .firstResultOptional();
    }

    public Optional<SshGrant> byTicket(String ticketId) {
        return find("ticketId", ticketId).firstResultOptional();
    }

    public Optional<SshGrant> inProject(String projectId, UUID grantId) {
        return find("projectId = :project AND id = :id", Parameters.with("project", projectId).and("id", grantId)).firstResultOptional();
    }

    /** Unrevoked grants of a key (to revoke with it). */
    public List<SshGrant> unrevokedOfKey(UUID keyId) {
        return list("keyId = :key AND revokedAt IS NULL", Parameters.with("key", keyId));
    }

    /** Unrevoked grants of a user on a project (to revoke when the membership ends). */
    public List<SshGrant> unrevokedOfMember(String projectId, String userId) {
        return list("projectId = :project AND userId = :user AND revokedAt IS NULL", Parameters.with("project", projectId).and("user", userId));
    }

    /** Unrevoked grants of a project in force at {@code now}, for the keys that reach it. */
    public List<SshGrant> inForceOnProject(String projectId, Instant now) {
        return list("projectId = :project AND revokedAt IS NULL AND (expiresAt IS NULL OR expiresAt > :now) ORDER BY createdAt",
                Parameters.with("project", projectId).and("now", now));
    }

    /**
     * A project's grants newest first after the cursor, filtered by environment and state (null: any).
     */
    public List<SshGrant> ofProject(String projectId, String environmentId, SshGrant.State state, Instant now, Instant beforeCreated,
            UUID beforeId, int limit) {
        StringBuilder query = new StringBuilder("projectId = :project");
        Parameters parameters = Parameters.with("project", projectId);
        if (environmentId != null) {
            query.append(" AND environmentId = :environment");
            parameters.and("environment", environmentId);
        }
        if (state != null) {
            if (state != SshGrant.State.REVOKED) {
                parameters.and("now", now);
            }
            query.append(switch (state) {
                case REVOKED -> " AND revokedAt IS NOT NULL";
                case EXPIRED -> " AND revokedAt IS NULL AND expiresAt IS NOT NULL AND expiresAt <= :now";
                case ACTIVE -> " AND revokedAt IS NULL AND (expiresAt IS NULL OR expiresAt > :now)";
            });
        }
        if (beforeCreated != null) {
            query.append(" AND (createdAt < :at OR (createdAt = :at AND id < :id))");
            parameters.and("at", beforeCreated).and("id", beforeId);
        }
        query.append(" ORDER BY createdAt DESC, id DESC");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }
}
