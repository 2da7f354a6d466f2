package dev.slipway.gateway.git;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.git.RepositoryCreated;
import dev.slipway.gateway.config.GitConfig;
import dev.slipway.platform.domain.ProjectId;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Creates and finds the projects' bare repositories (ENV-1, SSH-4). */
@ApplicationScoped
public class RepositoryService {

    private final EntityManager entityManager;
    private final GitConfig config;
    private final EventPublisher events;

    public RepositoryService(EntityManager entityManager, GitConfig config, EventPublisher events) {
        this.entityManager = entityManager;
        this.config = config;
        this.events = events;
    }

    /**
     * Creates the empty bare repository of {@code projectId} with HEAD on the default branch, and
     * announces it. Idempotent: a repository left on disk by an attempt whose transaction failed
     * is adopted rather than recreated.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public GitRepository createFor(String projectId) {
        // ENV-1's rule, checked again here because the id becomes a path.
        if (!ProjectId.isValid(projectId)) {
            throw new IllegalArgumentException("ENV-1: not a project id: " + projectId);
        }
        GitRepository existing = entityManager.find(GitRepository.class, projectId);
        if (existing != null) {
            return existing;
        }
        String name = projectId + ".git";
        Path directory = config.root().resolve(name);
        initBare(directory);
        GitRepository repository = new GitRepository();
        repository.projectId = projectId;
        repository.name = name;
        repository.defaultBranch = config.defaultBranch();
        repository.createdAt = Instant.now();
        entityManager.persist(repository);
        events.publish(EventCatalog.REPOSITORY_CREATED, projectId, "repositories/" + name,
                new RepositoryCreated(projectId, name, repository.defaultBranch));
        return repository;
    }

    @Transactional
    public Optional<GitRepository> find(String projectId) {
        return Optional.ofNullable(entityManager.find(GitRepository.class, projectId));
    }

    public Path directoryOf(GitRepository repository) {
        return config.root().resolve(repository.name);
    }

    private void initBare(Path directory) {
        try {
            Files.createDirectories(directory.getParent());
            if (Files.exists(directory.resolve("HEAD"))) {
                return;
            }
            try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).setInitialBranch(config.defaultBranch()).call()) {
                Repository repository = git.getRepository();
                repository.getConfig().setBoolean("receive", null, "denyNonFastForwards", false);
                repository.getConfig().save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create repository " + directory, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create repository " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Opens a hosted repository; the caller closes it. */
    public Repository open(GitRepository repository) throws IOException {
        return new FileRepositoryBuilder().setGitDir(directoryOf(repository).toFile()).setMustExist(true).build();
    }
}
