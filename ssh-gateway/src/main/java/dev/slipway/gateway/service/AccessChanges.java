package dev.slipway.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import dev.slipway.platform.database.PostgresChannel;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Tells every gateway instance, when the calling transaction commits, that someone's access may
 * have shrunk (a key removed, a grant revoked, a member removed or demoted, an environment's
 * {@code access.ssh} raised), so that each re-checks its open sessions at once. PostgreSQL's NOTIFY
 * is transactional: nothing is said for a change that rolls back, and the instance that applied
 * the change hears it like the others.
 */
@ApplicationScoped
public class AccessChanges {

    /** The LISTEN/NOTIFY channel. */
    public static final PostgresChannel CHANNEL = new PostgresChannel("slipway_access_changed");

    private final EntityManager entityManager;

    public AccessChanges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** {@code scope} names what changed, e.g. {@code project:acme} or {@code key:<id>}; listeners re-check all sessions anyway. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accessMayHaveShrunk(String scope) {
        CHANNEL.notify(entityManager, scope);
    }
}
