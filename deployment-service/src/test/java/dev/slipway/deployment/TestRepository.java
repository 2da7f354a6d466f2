package dev.slipway.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real git repository of a test's own: commits made with the git command line, and what
 * ssh-gateway's internal interface answers about them read back the way the gateway reads them
 * ({@code git archive}, {@code git show}, {@code git ls-tree}).
 */
final class TestRepository {

    private final Path directory;

    private TestRepository(Path directory) {
        this.directory = directory;
    }

    /** An empty repository with a {@code master} branch, in a temporary folder. */
    static TestRepository create() {
        try {
            TestRepository repository = new TestRepository(Files.createTempDirectory("slipway-test-repo-"));
            repository.git("init", "-q", "-b", "master");
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code files} (path to content) over the work tree, commits everything and answers the commit's id. */
    String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "-A");
        git("-c", "user.name=Alice", "-c", "user.email=alice@example.com", "commit", "-q", "--allow-empty", "-m", message);
        return text("rev-parse", "HEAD");
    }

    String treeOf(String commit) {
        return text("rev-parse", commit + "^{tree}");
    }

    byte[] tar(String commit) {
        return git("archive", "--format=tar", commit);
    }

    /** The paths of the commit's files. */
    List<String> files(String commit) {
        return List.of(text("ls-tree", "-r", "--name-only", commit).split("\n"));
    }

    byte[] file(String commit, String path) {
        return git("show", commit + ":" + path);
    }

    private String text(String... arguments) {
        return new String(git(arguments), StandardCharsets.UTF_8).strip();
    }

    private byte[] git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", arguments) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
