package dev.slipway.deployment.runner;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Folder trees as the runner handles them: symbolic links are copied and deleted as links and never
 * followed, so a link in an app's tree cannot make the runner read or write outside it.
 */
final class FileTrees {

    private FileTrees() {
    }

    /** Copies the tree {@code source} to {@code target} (which must not exist): files, modes, links as links. */
    static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectory(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                // With NOFOLLOW_LINKS a link is copied as a link; anything else (a fifo a build left) is skipped.
                if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code path} and, when it is a folder (not a link to one), everything in it. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                // A build may leave a folder without write permission, which would keep its files.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes {@code path} by first renaming it out of the way: those who look for it see it gone at
     * once, not half deleted, and a delete cut short leaves only a hidden leftover.
     */
    static void deleteAtomically(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path trash = path.resolveSibling("." + path.getFileName() + ".deleting-" + UUID.randomUUID());
        Files.move(path, trash, StandardCopyOption.ATOMIC_MOVE);
        delete(trash);
    }

    /**
     * Whether {@code relative} inside {@code base} is reached without going through a symbolic link
     * (the last component may be one): a tar entry or mount under {@code lib}, where the tree made
     * {@code lib} a link to {@code /etc}, must not be written there.
     */
    static boolean reachedWithoutLinks(Path base, Path relative) {
        Path current = base;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            current = current.resolve(relative.getName(i).toString());
            if (Files.isSymbolicLink(current)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A relative path that stays inside the folder it is resolved against: not absolute, not empty,
     * no {@code ..} and no {@code .} components after normalising away empty ones.
     */
    static Path requireInside(String name, String what) throws IOException {
        String trimmed = name.replaceAll("/+$", "");
        if (trimmed.isEmpty() || trimmed.startsWith("/")) {
            throw new UnsafePathException(what + " " + name + " is not a relative path");
        }
        Path path = Path.of(trimmed);
        for (Path part : path) {
            String text = part.toString();
            if (text.equals("..")) {
                throw new UnsafePathException(what + " " + name + " escapes its folder");
            }
        }
        Path normalized = path.normalize();
        if (normalized.toString().isEmpty() || normalized.startsWith("..")) {
            throw new UnsafePathException(what + " " + name + " escapes its folder");
        }
        return normalized;
    }

    /** A path the runner refuses to write: outside its folder, or reached through a link. */
    static final class UnsafePathException extends IOException {

        UnsafePathException(String message) {
            super(message);
        }
    }
}
