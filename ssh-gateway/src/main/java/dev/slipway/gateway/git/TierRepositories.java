package dev.slipway.gateway.git;

import dev.slipway.events.EnvironmentType;
import dev.slipway.gateway.config.GitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The tier remotes (SSH-5): {@code <project>-staging.git} and {@code <project>-production.git}, bare
 * repositories beside the project's, created on first use. Their {@code objects/info/alternates}
 * points at the project repository's objects (relative, so the git root can move), so a tier push
 * of a commit the project already has sends almost nothing, and a clone of the tier shows what was
 * pushed there.
 */
@ApplicationScoped
public class TierRepositories {

    private final GitConfig config;

    public TierRepositories(GitConfig config) {
        this.config = config;
    }

    /** Opens the tier remote of {@code project}, creating it on first use; the caller closes it. */
    public Repository open(GitRepository project, EnvironmentType tier) throws IOException {
        Path directory = config.root().resolve(project.projectId + "-" + tier.tierId() + ".git");
        if (!Files.exists(directory.resolve("HEAD"))) {
            create(directory, project);
        }
        return new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
    }

    /** Built in a temporary folder and renamed into place: instances sharing the root race safely. */
    private void create(Path directory, GitRepository project) throws IOException {
        Path temporary = Files.createTempDirectory(config.root(), "." + directory.getFileName() + "-");
        try {
            try (Git git = Git.init().setBare(true).setDirectory(temporary.toFile()).setInitialBranch(config.defaultBranch()).call()) {
                git.getRepository().getConfig().setBoolean("receive", null, "denyNonFastForwards", false);
                git.getRepository().getConfig().save();
            } catch (GitAPIException e) {
                throw new IOException("Cannot create " + directory + ": " + e.getMessage(), e);
            }
            Path info = temporary.resolve("objects").resolve("info");
            Files.createDirectories(info);
            Files.writeString(info.resolve("alternates"), "../../" + project.name + "/objects\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherInstanceWon) {
                if (!Files.exists(directory.resolve("HEAD"))) {
                    throw anotherInstanceWon;
                }
            }
        } finally {
            delete(temporary);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
