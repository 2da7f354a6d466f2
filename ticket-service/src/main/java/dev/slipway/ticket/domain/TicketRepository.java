package dev.slipway.ticket.domain;

import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tickets, their history and comments; each list is one query (no query per row). */
@ApplicationScoped
public class TicketRepository {

    private final EntityManager entityManager;

    public TicketRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void persist(Ticket ticket) {
        entityManager.persist(ticket);
    }

    public void record(TicketTransition transition) {
        entityManager.persist(transition);
    }

    public void record(TicketComment comment) {
        entityManager.persist(comment);
    }

    /** A fresh preview of an undecided ticket; the ticket's version stays (a read is not an edit, API-5). */
    public void storePreview(UUID id, String preview, Instant at) {
        entityManager.createNativeQuery("UPDATE ticket SET preview = :preview, preview_at = :at WHERE id = :id AND state = 'OPEN'")
                .setParameter("preview", preview).setParameter("at", at).setParameter("id", id).executeUpdate();
    }

    public Optional<Ticket> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Ticket.class, id));
    }

    /** The ticket, locked until the transaction ends: two decisions on one ticket run one after the other. */
    public Optional<Ticket> findForDecision(UUID id) {
        return Optional.ofNullable(entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<TicketTransition> history(UUID ticketId) {
        return entityManager.createQuery("FROM TicketTransition t WHERE t.ticketId = :ticket ORDER BY t.at, t.seq", TicketTransition.class)
                .setParameter("ticket", ticketId).getResultList();
    }

    public List<TicketComment> comments(UUID ticketId) {
        return entityManager.createQuery("FROM TicketComment c WHERE c.ticketId = :ticket ORDER BY c.at, c.id", TicketComment.class)
                .setParameter("ticket", ticketId).getResultList();
    }

    /** What a list may be narrowed to (TKT-6); null fields do not narrow it. */
    public record Filter(String projectId, TicketState state, TicketType type, String requestedBy) {
    }

    /**
     * TKT-6: tickets by priority (URGENT first), then age (oldest first), after {@code cursor};
     * {@code visibleTo} limits them to that user's projects (null: every project, for support).
     */
    @SuppressWarnings("unchecked")
    public List<Ticket> page(Filter filter, String visibleTo, QueueCursor cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ticket t WHERE true");
        List<Object[]> parameters = new ArrayList<>();
        if (visibleTo != null) {
            sql.append(" AND t.project_id IN (SELECT a.project_id FROM project_access a WHERE a.user_id = :visibleTo)");
            parameters.add(new Object[] {"visibleTo", visibleTo});
        }
        if (filter.projectId() != null) {
            sql.append(" AND t.project_id = :project");
            parameters.add(new Object[] {"project", filter.projectId()});
        }
        if (filter.state() != null) {
            sql.append(" AND t.state = :state");
            parameters.add(new Object[] {"state", filter.state().name()});
        }
        if (filter.type() != null) {
            sql.append(" AND t.type = :type");
            parameters.add(new Object[] {"type", filter.type().name()});
        }
        if (filter.requestedBy() != null) {
            sql.append(" AND t.requested_by = :requester");
            parameters.add(new Object[] {"requester", filter.requestedBy()});
        }
        if (cursor != null) {
            sql.append(" AND (t.priority_rank, t.created_at, t.id) > (:rank, :at, :id)");
            parameters.add(new Object[] {"rank", cursor.rank()});
            parameters.add(new Object[] {"at", cursor.createdAt()});
            parameters.add(new Object[] {"id", cursor.id()});
        }
        sql.append(" ORDER BY t.priority_rank, t.created_at, t.id LIMIT :limit");
        Query query = entityManager.createNativeQuery(sql.toString(), Ticket.class).setParameter("limit", limit);
        parameters.forEach(parameter -> query.setParameter((String) parameter[0], parameter[1]));
        return query.getResultList();
    }

    /** A position in the queue order: priority rank, creation time, id (API-4). */
    public record QueueCursor(int rank, Instant createdAt, UUID id) {

        public static QueueCursor after(Ticket ticket) {
            return new QueueCursor(rankOf(ticket.priority()), ticket.createdAt(), ticket.id());
        }

        public static int rankOf(TicketPriority priority) {
            return TicketPriority.URGENT.ordinal() - priority.ordinal();
        }

        public String text() {
            return rank + "|" + createdAt + "|" + id;
        }

        /** The cursor a list returned, or null for none; 400 for anything else. */
        public static QueueCursor parse(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("\\|", 3);
            try {
                return new QueueCursor(Integer.parseInt(parts[0]), Instant.parse(parts[1]), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new DomainException("API-4", 400, "invalid-value", "The cursor is not one this list returned.");
            }
        }
    }
}
