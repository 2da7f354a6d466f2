package dev.slipway.deployment.service;

import dev.slipway.deployment.runner.EnvironmentRef;
import dev.slipway.deployment.runner.Runner;
import dev.slipway.platform.concurrent.Periodic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * DEP-7: deactivate drops an environment's data, and delete removes it; both remove its releases.
 * The request is recorded in the transaction that applies the event; the files go once no
 * deployment of the environment runs any more (a cancelled one's hook is being killed), and until
 * then the environment's queue waits ({@code DeploymentClaims}), so a re-activation deploys onto a
 * clean environment. Any instance may do it; a row is removed by one.
 */
@ApplicationScoped
public class EnvironmentRemovals {

    private static final Logger LOG = Logger.getLogger(EnvironmentRemovals.class);
    private static final Duration ROUND = Duration.ofSeconds(1);

    private final EntityManager entityManager;
    private final Runner runner;
    private Periodic rounds;

    public EnvironmentRemovals(EntityManager entityManager, Runner runner) {
        this.entityManager = entityManager;
        this.runner = runner;
    }

    void start(@Observes StartupEvent startup) {
        rounds = Periodic.start("environment-removals", ROUND, ROUND, this::removePending);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (rounds != null) {
            rounds.close();
        }
    }

    /** Records that the environment's releases and data go (the event's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(String projectId, String environmentId) {
        entityManager.createNativeQuery("INSERT INTO environment_removal (project_id, environment_id, requested_at) VALUES (:p, :e, now()) "
                + "ON CONFLICT (project_id, environment_id) DO NOTHING").setParameter("p", projectId).setParameter("e", environmentId)
                .executeUpdate();
    }

    /** Removes what waits and no longer runs; returns how many environments it removed. */
    public int removePending() {
        int removed = 0;
        while (QuarkusTransaction.requiringNew().call(this::removeOne)) {
            removed++;
        }
        return removed;
    }

    /** One environment, locked while its files go, so two instances never remove the same one. */
    private boolean removeOne() {
        List<?> rows = entityManager.createNativeQuery("SELECT r.project_id, r.environment_id FROM environment_removal r WHERE NOT EXISTS ("
                + "SELECT 1 FROM deployment d WHERE d.project_id = r.project_id AND d.environment_id = r.environment_id "
                + "AND d.state = 'RUNNING') ORDER BY r.requested_at FOR UPDATE SKIP LOCKED LIMIT 1").getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        EnvironmentRef environment = new EnvironmentRef((String) row[0], (String) row[1]);
        try {
            runner.removeEnvironment(environment);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the releases and data of " + environment, e);
        }
        entityManager.createNativeQuery("DELETE FROM environment_removal WHERE project_id = :p AND environment_id = :e")
                .setParameter("p", environment.project()).setParameter("e", environment.environment()).executeUpdate();
        LOG.infof("Removed the releases and data of %s", environment);
        return true;
    }
}
