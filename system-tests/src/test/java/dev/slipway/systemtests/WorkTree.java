package dev.slipway.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A clone of one of the gateway's repositories: files written and committed with JGit (as its user,
 * unsigned, whatever the machine's git configuration says), pushed and fetched with the real git
 * client over SSH by its {@link GitUser}.
 */
public final class WorkTree {

    private final GitUser user;
    private final Path dir;

    WorkTree(GitUser user, Path dir) {
        this.user = user;
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code content} to {@code path} (relative, folders created as needed). */
    public WorkTree write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} as bytes to {@code path} (relative, folders created as needed). */
    public WorkTree write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WorkTree delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change of the work tree (new, changed, deleted files); returns the commit id. */
    public String commit(String message) {
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent person = new PersonIdent(user.user(), user.user() + "@example.com");
            RevCommit commit = git.commit().setMessage(message).setAuthor(person).setCommitter(person).setSign(false).call();
            return commit.getId().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot commit in " + dir, e);
        }
    }

    /** {@code git push <arguments>}, e.g. {@code push("origin", "HEAD:refs/heads/master")}. */
    public GitResult push(String... arguments) {
        List<String> command = new ArrayList<>(List.of("push"));
        command.addAll(List.of(arguments));
        return git(command.toArray(String[]::new));
    }

    /** Any git command in this work tree, with its user's key. */
    public GitResult git(String... arguments) {
        return user.git(dir, arguments);
    }
}
