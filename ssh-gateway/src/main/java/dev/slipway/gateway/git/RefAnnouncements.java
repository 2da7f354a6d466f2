package dev.slipway.gateway.git;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.git.RefUpdated;
import dev.slipway.gateway.domain.BranchHeads;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * SSH-4, EVT-3: pushes become {@code ref.updated} exactly once. Under the repository row's lock, the
 * repository's branch heads are compared with the heads in {@code announced_ref}; each difference is
 * published through the outbox and recorded in the same transaction. A push whose announcement
 * failed is found by the next comparison; one announced is never found again. Git operations
 * (answered by {@code git-operation.completed}) record the heads they set under the same lock, so
 * they are never taken for pushes.
 */
@ApplicationScoped
public class RefAnnouncements {

    private final EntityManager entityManager;
    private final RepositoryService repositories;
    private final EventPublisher events;

    public RefAnnouncements(EntityManager entityManager, RepositoryService repositories, EventPublisher events) {
        this.entityManager = entityManager;
        this.repositories = repositories;
        this.events = events;
    }

    /**
     * Announces every unannounced move of the project's branches in a transaction of its own;
     * {@code pushers} (branch -> user) names who pushed what this push changed (others: unknown).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<BranchHeads.Move> announce(String projectId, Map<String, String> pushers) {
        return lock(projectId).map(repository -> announceLocked(repository, pushers)).orElse(List.of());
    }

    /** Takes the repository row's lock until the transaction ends; empty when the project has no repository. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<GitRepository> lock(String projectId) {
        boolean exists = !entityManager.createNativeQuery("SELECT project_id FROM git_repository WHERE project_id = :project FOR UPDATE")
                .setParameter("project", projectId).getResultList().isEmpty();
        return exists ? repositories.find(projectId) : Optional.empty();
    }

    /** Publishes {@code ref.updated} for each head that differs from the announced one; the caller holds the lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<BranchHeads.Move> announceLocked(GitRepository repository, Map<String, String> pushers) {
        return announceLocked(repository, pushers, Set.of());
    }

    /**
     * As {@link #announceLocked(GitRepository, Map)}, leaving out the branches in {@code notPushes}:
     * moves the caller knows are a git operation's, which records their heads itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<BranchHeads.Move> announceLocked(GitRepository repository, Map<String, String> pushers, Set<String> notPushes) {
        List<BranchHeads.Move> moves = BranchHeads.unannounced(headsOf(repository), announcedHeads(repository.projectId)).stream()
                .filter(move -> !notPushes.contains(move.branch())).toList();
        for (BranchHeads.Move move : moves) {
            events.publish(EventCatalog.REF_UPDATED, repository.projectId, "repositories/" + repository.name + "/branches/" + move.branch(),
                    new RefUpdated(repository.projectId, move.branch(), move.oldHead(), move.newHead(), pushers.get(move.branch())));
            recordHead(repository.projectId, move.branch(), move.newHead());
        }
        return moves;
    }

    /** Records {@code head} (null: the branch is gone) as announced; the caller holds the lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordHead(String projectId, String branch, String head) {
        if (head == null) {
            entityManager.createNativeQuery("DELETE FROM announced_ref WHERE project_id = :project AND branch = :branch")
                    .setParameter("project", projectId).setParameter("branch", branch).executeUpdate();
        } else {
            entityManager.createNativeQuery("INSERT INTO announced_ref (project_id, branch, head) VALUES (:project, :branch, :head) "
                    + "ON CONFLICT (project_id, branch) DO UPDATE SET head = EXCLUDED.head")
                    .setParameter("project", projectId).setParameter("branch", branch).setParameter("head", head).executeUpdate();
        }
    }

    /** The projects with a repository, for the sweep at start-up. */
    @Transactional
    public List<String> projects() {
        return entityManager.createNativeQuery("SELECT project_id FROM git_repository ORDER BY project_id", String.class).getResultList()
                .stream().map(String.class::cast).toList();
    }

    private Map<String, String> announcedHeads(String projectId) {
        Map<String, String> heads = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("SELECT branch, head FROM announced_ref WHERE project_id = :project")
                .setParameter("project", projectId).getResultList()) {
            Object[] columns = (Object[]) row;
            heads.put((String) columns[0], (String) columns[1]);
        }
        return heads;
    }

    private Map<String, String> headsOf(GitRepository repository) {
        Map<String, String> heads = new HashMap<>();
        try (Repository git = repositories.open(repository)) {
            for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                if (!ref.isSymbolic() && ref.getObjectId() != null) {
                    heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the branches of " + repository.name, e);
        }
        return heads;
    }
}
