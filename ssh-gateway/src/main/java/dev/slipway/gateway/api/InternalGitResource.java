package dev.slipway.gateway.api;

import dev.slipway.gateway.git.CommitReader;
import dev.slipway.gateway.git.CommitReader.Comparison;
import dev.slipway.gateway.git.CommitReader.FileBlob;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The gateway's internal git read interface (SSH-4): commits, trees, files and comparisons of a
 * project's main repository {@code <project>.git}, for other Slipway services only (token group
 * {@code service}, SEC-4; never routed from outside, API-8). deployment-service reads trees and
 * files to build a commit; ticket-service compares two commits for a ticket's preview.
 */
@Path("/api/v1/internal/projects/{projectId}")
@Tag(name = "Internal", description = "For the service group only; never routed from outside (API-8).")
@RolesAllowed(Groups.SERVICE)
public class InternalGitResource {

    /** Response header carrying the id of the tree an archive holds (DEP-4 keys builds by it). */
    public static final String TREE_ID_HEADER = "X-Slipway-Tree-Id";
    static final String TAR = "application/x-tar";

    private final CommitReader reader;

    public InternalGitResource(CommitReader reader) {
        this.reader = reader;
    }

    /** A commit: its id, tree, parents, author, committer and message. */
    @Schema(name = "Commit")
    public record CommitView(
            @Schema(description = "Full 40-digit commit id") String commit,
            @Schema(description = "Id of the commit's tree") String treeId,
            @Schema(description = "Parent commit ids; none for a root commit, two or more for a merge") List<String> parents,
            String author, String authorEmail, Instant authoredAt, String committer, Instant committedAt, String message) {

        static CommitView of(RevCommit commit) {
            PersonIdent author = commit.getAuthorIdent();
            PersonIdent committer = commit.getCommitterIdent();
            return new CommitView(commit.name(), commit.getTree().name(), Arrays.stream(commit.getParents()).map(ObjectId::name).toList(),
                    author.getName(), author.getEmailAddress(), author.getWhenAsInstant(),
                    committer.getName(), committer.getWhenAsInstant(), commit.getFullMessage());
        }
    }

    /** One commit of a comparison. */
    @Schema(name = "ComparedCommit")
    public record ComparedCommitView(String commit, @Schema(description = "First line of the message") String summary,
            String author, Instant committedAt) {

        static ComparedCommitView of(RevCommit commit) {
            return new ComparedCommitView(commit.name(), commit.getShortMessage(), commit.getAuthorIdent().getName(),
                    commit.getCommitterIdent().getWhenAsInstant());
        }
    }

    /** How a path changed between the two commits of a comparison. */
    public enum PathChange {
        ADDED, MODIFIED, DELETED, RENAMED, COPIED;

        static PathChange of(DiffEntry.ChangeType type) {
            return switch (type) {
                case ADD -> ADDED;
                case MODIFY -> MODIFIED;
                case DELETE -> DELETED;
                case RENAME -> RENAMED;
                case COPY -> COPIED;
            };
        }
    }

    /** A changed path; {@code oldPath} is the source of a rename or copy. */
    @Schema(name = "ChangedPath")
    public record ChangedPathView(@Schema(description = "The path in the newer commit; the removed path for DELETED") String path,
            PathChange change, @Schema(nullable = true, description = "Source path of a RENAMED or COPIED path, else null") String oldPath) {

        static ChangedPathView of(DiffEntry entry) {
            PathChange change = PathChange.of(entry.getChangeType());
            return switch (change) {
                case DELETED -> new ChangedPathView(entry.getOldPath(), change, null);
                case RENAMED, COPIED -> new ChangedPathView(entry.getNewPath(), change, entry.getOldPath());
                default -> new ChangedPathView(entry.getNewPath(), change, null);
            };
        }
    }

    /** What {@code to} adds to {@code from}: its commits, newest first, and the changed paths. */
    @Schema(name = "Comparison")
    public record CompareView(
            @Schema(nullable = true, description = "Full id of the base commit; null when the comparison starts from nothing") String from,
            @Schema(description = "Full id of the compared commit") String to,
            @Schema(description = "Commits reachable from 'to' but not from 'from', newest first, at most 250") List<ComparedCommitView> commits,
            @Schema(description = "True when more than 250 commits differ and the list was cut") boolean commitsTruncated,
            @Schema(description = "Paths changed from 'from' to 'to', renames and copies detected, at most 1000") List<ChangedPathView> changedPaths,
            @Schema(description = "True when more than 1000 paths changed and the list was cut") boolean changedPathsTruncated) {

        static CompareView of(Comparison comparison) {
            return new CompareView(comparison.from() == null ? null : comparison.from().name(), comparison.to().name(),
                    comparison.commits().stream().map(ComparedCommitView::of).toList(), comparison.commitsTruncated(),
                    comparison.changes().stream().map(ChangedPathView::of).toList(), comparison.changesTruncated());
        }
    }

    @GET
    @Path("/commits/{commit}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCommit", summary = "A commit of a project's repository (services only)")
    @APIResponse(responseCode = "200", description = "The commit", content = @Content(schema = @Schema(implementation = CommitView.class)))
    @APIResponse(responseCode = "400", description = "Not a commit id: 7 to 40 hexadecimal digits", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such repository or commit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The abbreviated id names more than one commit (ambiguous-commit)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CommitView commit(@PathParam("projectId") String projectId,
            @Parameter(description = "A full commit id or an abbreviation of at least 7 hexadecimal digits") @PathParam("commit") String commit) {
        return CommitView.of(reader.commit(projectId, revision("commit", commit)));
    }

    @GET
    @Path("/commits/{commit}/tree")
    @Produces(TAR)
    @Operation(operationId = "getCommitTree", summary = "A commit's whole tree as a tar archive (services only)")
    @APIResponse(responseCode = "200", description = "The tree, streamed: files 0644, executables 0755, symbolic links as link entries; submodules left out",
            headers = @Header(name = TREE_ID_HEADER, description = "Id of the archived tree", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = TAR, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Not a commit id: 7 to 40 hexadecimal digits", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such repository or commit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The abbreviated id names more than one commit (ambiguous-commit)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response tree(@PathParam("projectId") String projectId,
            @Parameter(description = "A full commit id or an abbreviation of at least 7 hexadecimal digits") @PathParam("commit") String commit) {
        // Resolved before the first byte leaves, so a bad id is still a problem response, not a broken archive.
        RevCommit resolved = reader.commit(projectId, revision("commit", commit));
        StreamingOutput archive = out -> reader.writeTree(projectId, resolved, out);
        return Response.ok(archive, TAR).header(TREE_ID_HEADER, resolved.getTree().name()).build();
    }

    @GET
    @Path("/commits/{commit}/files/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "getCommitFile", summary = "A file's bytes at a commit (services only)")
    @APIResponse(responseCode = "200", description = "The file's raw bytes, streamed",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Not a commit id, or a path that is absolute or has '.', '..' or empty segments", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such repository or commit, or the path is absent or not a regular file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The abbreviated id names more than one commit (ambiguous-commit)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@PathParam("projectId") String projectId,
            @Parameter(description = "A full commit id or an abbreviation of at least 7 hexadecimal digits") @PathParam("commit") String commit,
            @Parameter(description = "The file's path in the commit's tree, relative, '/'-separated") @PathParam("path") String path) {
        AbbreviatedObjectId revision = revision("commit", commit);
        String file = relativePath(path);
        RevCommit resolved = reader.commit(projectId, revision);
        FileBlob blob = reader.file(projectId, resolved, file).orElseThrow(() -> ProblemException.notFound(
                "Commit " + resolved.name() + " has no file " + file + " (absent, a directory, a symbolic link or a submodule)."));
        StreamingOutput bytes = out -> reader.copyBlob(projectId, blob.blobId(), out);
        return Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM).header("Content-Length", blob.size()).build();
    }

    @GET
    @Path("/compare")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "compareCommits", summary = "Commits and changed paths between two commits (services only)")
    @APIResponse(responseCode = "200", description = "The comparison", content = @Content(schema = @Schema(implementation = CompareView.class)))
    @APIResponse(responseCode = "400", description = "'to' missing, or 'from' or 'to' not a commit id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such repository, or either commit is unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An abbreviated id names more than one commit (ambiguous-commit)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompareView compare(@PathParam("projectId") String projectId,
            @Parameter(description = "Base commit (full id or at least 7 hexadecimal digits); absent: compare from nothing") @QueryParam("from") String from,
            @Parameter(description = "Compared commit (full id or at least 7 hexadecimal digits)", required = true) @QueryParam("to") String to) {
        if (to == null || to.isBlank()) {
            throw invalid("to", "required: the commit to compare");
        }
        AbbreviatedObjectId base = from == null || from.isBlank() ? null : revision("from", from);
        return CompareView.of(reader.compare(projectId, base, revision("to", to)));
    }

    private static AbbreviatedObjectId revision(String parameter, String value) {
        try {
            return CommitReader.revision(value);
        } catch (IllegalArgumentException e) {
            throw invalid(parameter, e.getMessage());
        }
    }

    /** A path inside the tree: relative, with no '.', '..' or empty segment, so it can name nothing outside. */
    private static String relativePath(String path) {
        if (path.startsWith("/")) {
            throw invalid("path", "must be relative to the repository's root");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid("path", "must not have '.', '..' or empty segments");
            }
        }
        return path;
    }

    private static ProblemException invalid(String parameter, String message) {
        return new ProblemException(400, "invalid-value", "Invalid value", parameter + ": " + message,
                List.of(new Problem.Violation(parameter, message)));
    }
}
