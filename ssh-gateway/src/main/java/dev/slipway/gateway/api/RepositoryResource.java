package dev.slipway.gateway.api;

import dev.slipway.gateway.git.GitRepository;
import dev.slipway.gateway.git.RepositoryService;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's hosted git repository (SSH-4). */
@Path("/api/v1/projects/{projectId}/repository")
@Tag(name = "Repositories", description = "Projects' hosted git repositories (SSH-4).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryResource {

    private final RepositoryService repositories;
    private final ProjectAuthorization authorization;

    public RepositoryResource(RepositoryService repositories, ProjectAuthorization authorization) {
        this.repositories = repositories;
        this.authorization = authorization;
    }

    /** The repository and its branches. */
    public record RepositoryView(String projectId, String name, String defaultBranch, Instant createdAt, List<BranchView> branches) {
    }

    /** A branch and its head commit. */
    public record BranchView(String name, String head) {
    }

    @GET
    @Operation(operationId = "getRepository", summary = "Get a project's git repository and its branches")
    @APIResponse(responseCode = "200", description = "The repository", content = @Content(schema = @Schema(implementation = RepositoryView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project or repository, or the caller is not a member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RepositoryView get(@PathParam("projectId") String projectId) {
        authorization.requireRead(projectId);
        GitRepository repository = repositories.find(projectId)
                .orElseThrow(() -> ProblemException.notFound("Project " + projectId + " has no repository (yet)."));
        try (Repository git = repositories.open(repository)) {
            List<BranchView> branches = git.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
                    .map(ref -> new BranchView(ref.getName().substring("refs/heads/".length()), objectId(ref)))
                    .toList();
            return new RepositoryView(projectId, repository.name, repository.defaultBranch, repository.createdAt, branches);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String objectId(Ref ref) {
        return ref.getObjectId() == null ? null : ref.getObjectId().name();
    }
}
