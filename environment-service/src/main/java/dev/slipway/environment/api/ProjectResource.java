package dev.slipway.environment.api;

import java.time.Instant;
import dev.slipway.environment.domain.Project;
import dev.slipway.environment.domain.ProjectRepository;
import dev.slipway.environment.service.ProjectService;
import dev.slipway.platform.domain.ProjectId;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.IdempotentRequests;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;

import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Projects (ENV-1). */
@Path("/api/v1/projects")
@Tag(name = "Projects", description = "Projects: one git repository and its tree of environments (ENV-1).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final ProjectRepository repository;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final IdempotentRequests idempotency;

    public ProjectResource(ProjectService projects, ProjectRepository repository, ProjectAuthorization authorization, Caller caller,
            IdempotentRequests idempotency) {
        this.projects = projects;
        this.repository = repository;
        this.authorization = authorization;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProject", summary = "Create a project",
            description = "Creates the project with the caller as admin, its environments master, staging and production, "
                    + "and (through ssh-gateway) its empty git repository (ENV-1).")
    @APIResponse(responseCode = "201", description = "Created; Location names the project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The id is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateProjectRequest request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            UriInfo uri) {
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request, () -> {
            Project.Created created = projects.create(new ProjectId(request.id()), request.title(), request.activeEnvironmentLimit(), caller.userId());
            return Response.created(uri.getAbsolutePathBuilder().path(created.project().id()).build())
                    .header("ETag", ETags.of(created.project().version())).entity(ProjectView.of(created)).build();
        });
    }

    @GET
    @Operation(operationId = "listProjects", summary = "List projects", description = "The caller's projects; support sees all. Paginated by id (API-4).")
    @APIResponse(responseCode = "200", description = "A page of projects")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ProjectSummary> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        List<Project> rows = repository.page(caller.userId(), caller.isSupport() || caller.isService(), Cursors.decode(cursor), size + 1);
        return Cursors.page(rows, size, Project::id, ProjectSummary::of);
    }

    /** A project in a list. */
    public record ProjectSummary(String id, String title, int activeEnvironmentLimit, String createdBy, Instant createdAt) {
        static ProjectSummary of(Project project) {
            return new ProjectSummary(project.id(), project.title(), project.activeEnvironmentLimit(), project.createdBy(), project.createdAt());
        }
    }

    @PATCH
    @Path("/{projectId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProject", summary = "Change title or active environment limit (admin)", description = "Honours If-Match (API-5).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ProjectSummary.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("projectId") String projectId, @Valid @NotNull UpdateProjectRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        Project project = projects.update(projectId, request.title(), request.activeEnvironmentLimit(), ifMatch, caller.userId());
        return Response.ok(ProjectSummary.of(project)).header("ETag", ETags.of(project.version())).build();
    }

    @DELETE
    @Path("/{projectId}")
    @Operation(operationId = "deleteProject", summary = "Delete a project (admin)", description = "With its environments, variables and activities; honours If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("projectId") String projectId, @HeaderParam("If-Match") String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        projects.delete(projectId, ifMatch, caller.userId());
        return Response.noContent().build();
    }


    @GET
    @Path("/{projectId}")
    @Operation(operationId = "getProject", summary = "Get a project with its environments")
    @APIResponse(responseCode = "200", description = "The project", content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("projectId") String projectId) {
        authorization.requireRead(projectId);
        Project.Created found = projects.find(projectId)
                .orElseThrow(() -> ProjectAuthorization.noSuchProject(projectId));
        return Response.ok(ProjectView.of(found)).header("ETag", ETags.of(found.project().version())).build();
    }
}
