package dev.slipway.deployment.appconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a commit checked out on disk (a release's tree, before its build), read as the git
 * host reads them from the tree: a path is found only through directories and to a regular file;
 * a symbolic link on the way, or at the end, means no such file, so a commit cannot make VALIDATE
 * read anything outside its tree.
 */
public record CheckedOutFiles(Path root) implements CommitFiles {

    @Override
    public Optional<byte[]> read(String path) {
        Path current = root;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                return Optional.empty();
            }
        }
        if (!Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(current));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + " of the checked-out tree", e);
        }
    }
}
