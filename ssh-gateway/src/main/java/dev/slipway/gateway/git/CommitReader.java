package dev.slipway.gateway.git;

import dev.slipway.platform.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Reads commits, trees and files of a project's hosted repository for other Slipway services
 * (SSH-4): deployment-service takes a commit's tree to build it, ticket-service compares two
 * commits for a ticket's preview. Only the project's main repository {@code <project>.git} is read;
 * the tier remotes (SSH-5) hold no commit that is not also pushed there first.
 *
 * <p>Nothing here holds a whole tree or a whole file in memory: trees are walked entry by entry
 * and blobs copied through JGit's streaming loaders. Every call opens the repository and closes it
 * before returning, so a stream handed to a slow client holds no repository between calls.
 */
@ApplicationScoped
public class CommitReader {

    /** At most this many commits in a comparison; more sets {@link Comparison#commitsTruncated()}. */
    public static final int MAX_COMMITS = 250;
    /** At most this many changed paths in a comparison; more sets {@link Comparison#changesTruncated()}. */
    public static final int MAX_CHANGES = 1000;

    private static final Pattern REVISION = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final int MODE_FILE = 0100644;
    private static final int MODE_EXECUTABLE = 0100755;
    private static final int MODE_SYMLINK = 0120777;

    private final RepositoryService repositories;

    public CommitReader(RepositoryService repositories) {
        this.repositories = repositories;
    }

    /** A commit's two sides of a comparison, its commits newest first and its changed paths. */
    public record Comparison(RevCommit from, RevCommit to, List<RevCommit> commits, boolean commitsTruncated,
            List<DiffEntry> changes, boolean changesTruncated) {
    }

    /** A file of a commit's tree: its blob and size in bytes. */
    public record FileBlob(ObjectId blobId, long size) {
    }

    /**
     * A commit id as a caller may write it: a full SHA-1 or an abbreviation of at least 7 hex digits.
     *
     * @throws IllegalArgumentException when {@code text} is not one, with a message for the caller
     */
    public static AbbreviatedObjectId revision(String text) {
        if (text == null || !REVISION.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a commit id: 7 to 40 hexadecimal digits expected");
        }
        return AbbreviatedObjectId.fromString(text.toLowerCase(Locale.ROOT));
    }

    /** The commit {@code revision} names in the project's repository. */
    public RevCommit commit(String projectId, AbbreviatedObjectId revision) {
        try (Repository git = open(projectId); RevWalk walk = new RevWalk(git)) {
            return walk.parseCommit(resolve(walk.getObjectReader(), revision));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the repository of " + projectId, e);
        }
    }

    /**
     * The regular or executable file at {@code path} of {@code commit}'s tree, or empty when the
     * path is absent or names a directory, a symbolic link or a submodule.
     */
    public Optional<FileBlob> file(String projectId, RevCommit commit, String path) {
        try (Repository git = open(projectId); ObjectReader reader = git.newObjectReader();
                TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (walk == null || !isFile(walk.getFileMode(0))) {
                return Optional.empty();
            }
            ObjectId blob = walk.getObjectId(0);
            return Optional.of(new FileBlob(blob, reader.getObjectSize(blob, Constants.OBJ_BLOB)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the repository of " + projectId, e);
        }
    }

    /** Copies a blob's bytes to {@code out}, streamed for large blobs. */
    public void copyBlob(String projectId, ObjectId blob, OutputStream out) throws IOException {
        try (Repository git = open(projectId); ObjectReader reader = git.newObjectReader()) {
            reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
        }
    }

    /**
     * Writes {@code commit}'s whole tree to {@code out} as a tar archive, one entry at a time:
     * regular files mode 0644, executable files 0755, symbolic links as link entries; submodules
     * (gitlinks) are skipped and directories are implied by the paths (git has no empty ones).
     * Every entry carries the commit time, owner 0 and no user name, so one tree always gives the
     * same archive.
     */
    public void writeTree(String projectId, RevCommit commit, OutputStream out) throws IOException {
        Instant time = commit.getCommitterIdent().getWhenAsInstant();
        try (Repository git = open(projectId); ObjectReader reader = git.newObjectReader(); TreeWalk walk = new TreeWalk(git, reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                String path = walk.getPathString();
                if (FileMode.SYMLINK.equals(mode)) {
                    TarArchiveEntry entry = entry(new TarArchiveEntry(path, TarConstants.LF_SYMLINK), MODE_SYMLINK, time);
                    entry.setLinkName(new String(reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8));
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else if (isFile(mode)) {
                    ObjectLoader blob = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB);
                    TarArchiveEntry entry = entry(new TarArchiveEntry(path), FileMode.EXECUTABLE_FILE.equals(mode) ? MODE_EXECUTABLE : MODE_FILE, time);
                    entry.setSize(blob.getSize());
                    tar.putArchiveEntry(entry);
                    blob.copyTo(tar);
                    tar.closeArchiveEntry();
                }
                // FileMode.GITLINK: a submodule's commit lives in another repository; not part of this tree's files.
            }
            // finish() writes the end-of-archive records; the caller owns and closes out.
            tar.finish();
        }
    }

    /**
     * The commits reachable from {@code to} but not from {@code from} (everything reachable from
     * {@code to} when {@code from} is null), newest first, and the paths changed from {@code from}'s
     * tree (the empty tree when null) to {@code to}'s, renames and copies detected.
     */
    public Comparison compare(String projectId, AbbreviatedObjectId from, AbbreviatedObjectId to) {
        try (Repository git = open(projectId); RevWalk walk = new RevWalk(git)) {
            RevCommit toCommit = walk.parseCommit(resolve(walk.getObjectReader(), to));
            RevCommit fromCommit = from == null ? null : walk.parseCommit(resolve(walk.getObjectReader(), from));

            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(toCommit);
            if (fromCommit != null) {
                walk.markUninteresting(fromCommit);
            }
            List<RevCommit> commits = new ArrayList<>();
            boolean commitsTruncated = false;
            for (RevCommit commit : walk) {
                if (commits.size() == MAX_COMMITS) {
                    commitsTruncated = true;
                    break;
                }
                commits.add(commit);
            }

            List<DiffEntry> changes;
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                diff.setRepository(git);
                diff.setDetectRenames(true);
                changes = diff.scan(fromCommit == null ? null : fromCommit.getTree(), toCommit.getTree());
            }
            boolean changesTruncated = changes.size() > MAX_CHANGES;
            return new Comparison(fromCommit, toCommit, commits, commitsTruncated,
                    changesTruncated ? List.copyOf(changes.subList(0, MAX_CHANGES)) : List.copyOf(changes), changesTruncated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the repository of " + projectId, e);
        }
    }

    private Repository open(String projectId) throws IOException {
        GitRepository repository = repositories.find(projectId)
                .orElseThrow(() -> new DomainException("SSH-4", 404, "not-found", "Project " + projectId + " has no repository."));
        return repositories.open(repository);
    }

    /**
     * The one commit {@code revision} names. Only commits count when an abbreviation is resolved
     * (as git's {@code core.disambiguate=commit}): a blob or tree sharing the prefix does not make
     * it ambiguous, and a full id of a non-commit object is not found.
     */
    private static ObjectId resolve(ObjectReader reader, AbbreviatedObjectId revision) throws IOException {
        Collection<ObjectId> candidates = revision.isComplete() ? List.of(revision.toObjectId()) : reader.resolve(revision);
        List<ObjectId> commits = new ArrayList<>();
        for (ObjectId candidate : candidates) {
            if (reader.has(candidate) && reader.open(candidate).getType() == Constants.OBJ_COMMIT) {
                commits.add(candidate);
            }
        }
        if (commits.isEmpty()) {
            throw new DomainException("SSH-4", 404, "not-found", "No commit " + revision.name() + " in this repository.");
        }
        if (commits.size() > 1) {
            throw new DomainException("SSH-4", 409, "ambiguous-commit", "Commit id " + revision.name() + " is ambiguous: "
                    + commits.size() + " commits start with it; give more digits.");
        }
        return commits.get(0);
    }

    private static boolean isFile(FileMode mode) {
        return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
    }

    private static TarArchiveEntry entry(TarArchiveEntry entry, int mode, Instant time) {
        entry.setMode(mode);
        entry.setModTime(Date.from(time));
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
