package dev.slipway.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.housekeeping.HousekeepingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * API-6: a creating POST sent with {@code Idempotency-Key} takes effect once; a repeat by the same
 * user with the same key and body gets the first answer again. The record is written in the same
 * transaction as the effect, so a failed request leaves no record and may be retried. The same
 * key with a different body is refused (422). Keys are remembered for 24 hours (API-6;
 * {@code slipway.housekeeping.idempotency-retention}), then pruned.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Duration kept;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper objectMapper, HousekeepingConfig housekeeping) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.kept = housekeeping.idempotencyRetention();
    }

    /**
     * Runs {@code action} unless {@code key} was used before by {@code userId}; the path and body
     * identify the call, to detect a key reused for something else.
     */
    @Transactional
    public Response execute(String userId, String key, String path, Object body, Supplier<Response> action) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        if (key.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key: at most 200 characters",
                    List.of(new Problem.Violation(HEADER, "at most 200 characters")));
        }
        // Serializes concurrent repeats of one key; released at commit.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:lock))")
                .setParameter("lock", userId.length() + ":" + userId + key).getSingleResult();
        String fingerprint = sha256("POST " + path + " " + toJson(body));
        List<?> found = entityManager.createNativeQuery(
                        "SELECT fingerprint, status, location, body FROM idempotency_record WHERE user_id = :user AND idem_key = :key AND created_at > :since")
                .setParameter("user", userId).setParameter("key", key).setParameter("since", Instant.now().minus(kept))
                .getResultList();
        if (!found.isEmpty()) {
            Object[] row = (Object[]) found.get(0);
            if (!fingerprint.equals(row[0])) {
                throw new DomainException("API-6", 422, "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request.");
            }
            Response.ResponseBuilder replay = Response.status((Integer) row[1]).header("Idempotency-Replayed", "true");
            if (row[2] != null) {
                replay.location(URI.create((String) row[2]));
            }
            if (row[3] != null) {
                replay.entity(row[3]).type(MediaType.APPLICATION_JSON);
            }
            return replay.build();
        }
        Response response = action.get();
        entityManager.createNativeQuery("DELETE FROM idempotency_record WHERE user_id = :user AND idem_key = :key")
                .setParameter("user", userId).setParameter("key", key).executeUpdate();
        entityManager.createNativeQuery("INSERT INTO idempotency_record (user_id, idem_key, fingerprint, status, location, body, created_at) "
                        + "VALUES (:user, :key, :fingerprint, :status, :location, :body, now())")
                .setParameter("user", userId).setParameter("key", key).setParameter("fingerprint", fingerprint)
                .setParameter("status", response.getStatus())
                .setParameter("location", response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter("body", toJson(response.getEntity()))
                .executeUpdate();
        return response;
    }

    private String toJson(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return objectMapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be stored for replay", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
