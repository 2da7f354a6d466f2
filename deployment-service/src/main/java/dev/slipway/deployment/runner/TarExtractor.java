package dev.slipway.deployment.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a commit's tree as the git host serves it (a tar stream of folders, regular files with
 * mode 644 or 755, and symbolic links) into an empty folder. Refused, with the entry named: an entry
 * outside the folder (absolute, or with {@code ..}), an entry reached through a link the archive
 * made, a second entry of one name, and anything git does not store (hard links, devices, fifos).
 * Links are created as they are, wherever they point; they are never followed.
 */
final class TarExtractor {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");

    private TarExtractor() {
    }

    /** Returns how many entries were extracted. */
    static int extract(InputStream tar, Path target) throws IOException {
        int count = 0;
        // Not closed: the stream is the caller's.
        TarArchiveInputStream archive = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
                continue; // git archive's commit id comment
            }
            if (entry.isDirectory() && entry.getName().matches("(\\./)*\\.?/?")) {
                continue; // the folder itself, as tar -c . names it
            }
            Path relative = FileTrees.requireInside(entry.getName(), "tar entry");
            Path path = target.resolve(relative.toString());
            if (!FileTrees.reachedWithoutLinks(target, relative)) {
                throw new FileTrees.UnsafePathException("tar entry " + entry.getName() + " goes through a symbolic link");
            }
            if (entry.isDirectory()) {
                if (Files.isSymbolicLink(path) || (Files.exists(path) && !Files.isDirectory(path))) {
                    throw new FileTrees.UnsafePathException("tar entry " + entry.getName() + " is there twice");
                }
                Files.createDirectories(path);
            } else {
                Files.createDirectories(path.getParent());
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileTrees.UnsafePathException("tar entry " + entry.getName() + " is there twice");
                }
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile() && !entry.isLink()) {
                    // CREATE_NEW does not follow a link in place of the file: it fails.
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        archive.transferTo(out);
                    }
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0 ? EXECUTABLE : PLAIN);
                } else {
                    throw new FileTrees.UnsafePathException("tar entry " + entry.getName()
                            + " is neither a folder, a regular file nor a symbolic link");
                }
            }
            count++;
        }
        return count;
    }
}
