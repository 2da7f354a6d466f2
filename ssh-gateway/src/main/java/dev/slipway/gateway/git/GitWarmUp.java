package dev.slipway.gateway.git;

import dev.slipway.platform.events.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Loads JGit before the gateway takes events (EVT-5): a bare repository is created, a branch written
 * and read back in a temporary folder that is then removed, so the first project's repository and
 * the first branch operation after a start are as fast as the rest.
 */
@ApplicationScoped
public class GitWarmUp implements WarmUp {

    @Override
    public void warmUp() throws Exception {
        Path directory = Files.createTempDirectory("slipway-git-warm-up-");
        try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).setInitialBranch("master").call()) {
            Repository repository = git.getRepository();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + "warm-up");
            update.setNewObjectId(ObjectId.zeroId());
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.update();
            repository.exactRef(Constants.R_HEADS + "master");
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
