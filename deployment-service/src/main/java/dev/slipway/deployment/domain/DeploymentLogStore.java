package dev.slipway.deployment.domain;

import dev.slipway.events.deployment.DeploymentPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import org.hibernate.Session;
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

    /**
     * Appends lines after the deployment's last one, in one batch (a hook may print thousands); the
     * caller's transaction holds them. One writer per deployment (the instance running it), so the
     * last sequence number read here stays the last.
     */
    public void append(UUID deploymentId, List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        long last = ((Number) entityManager.createNativeQuery("SELECT COALESCE(MAX(seq), 0) FROM deployment_log WHERE deployment_id = :id")
                .setParameter("id", deploymentId).getSingleResult()).longValue();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO deployment_log (deployment_id, seq, at, phase, node, stream, text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                long seq = last;
                for (LogLine line : lines) {
                    insert.setObject(1, deploymentId);
                    insert.setLong(2, ++seq);
                    insert.setTimestamp(3, Timestamp.from(line.at()));
                    insert.setString(4, line.phase() == null ? null : line.phase().name());
                    insert.setObject(5, line.node(), Types.INTEGER);
                    insert.setString(6, line.stream());
                    insert.setString(7, line.text());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
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
