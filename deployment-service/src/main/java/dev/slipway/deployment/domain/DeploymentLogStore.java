package dev.slipway.deployment.domain;

import dev.slipway.events.deployment.DeploymentPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deployment logs in PostgreSQL (DEP-8): appended in order, read from any line on, by any instance. */
@ApplicationScoped
public class DeploymentLogStore {

    private final EntityManager entityManager;

    public DeploymentLogStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Appends lines after the deployment's last one; the caller's transaction holds them. */
    public void append(UUID deploymentId, List<LogLine> lines) {
        for (LogLine line : lines) {
            entityManager.createNativeQuery("INSERT INTO deployment_log (deployment_id, seq, at, phase, node, stream, text) "
                    + "SELECT :id, COALESCE(MAX(seq), 0) + 1, :at, :phase, :node, :stream, :text FROM deployment_log WHERE deployment_id = :id")
                    .setParameter("id", deploymentId).setParameter("at", Timestamp.from(line.at()))
                    .setParameter("phase", line.phase() == null ? null : line.phase().name()).setParameter("node", line.node())
                    .setParameter("stream", line.stream()).setParameter("text", line.text()).executeUpdate();
        }
    }

    /** Lines after {@code afterSeq}, at most {@code limit}, in order. */
    public List<LogLine> after(UUID deploymentId, long afterSeq, int limit) {
        List<?> rows = entityManager.createNativeQuery("SELECT seq, at, phase, node, stream, text FROM deployment_log "
                + "WHERE deployment_id = :id AND seq > :after ORDER BY seq LIMIT :limit").setParameter("id", deploymentId)
                .setParameter("after", afterSeq).setParameter("limit", limit).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new LogLine(((Number) row[0]).longValue(), instant(row[1]),
                row[2] == null ? null : DeploymentPhase.valueOf((String) row[2]), row[3] == null ? null : ((Number) row[3]).intValue(),
                (String) row[4], (String) row[5])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected time value " + value.getClass());
    }
}
