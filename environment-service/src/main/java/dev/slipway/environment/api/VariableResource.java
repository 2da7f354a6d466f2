package dev.slipway.environment.api;

import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.service.VariableService;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Project variables ({@code /variables}) and environment variables
 * ({@code /environments/{env}/variables}), VAR-1..4. Members read (sensitive values as null),
 * admins write; Staging and Production answer writes with 403 {@code ticket-required} (ENV-5).
 */
@Path("/api/v1/projects/{projectId}")
@Tag(name = "Variables", description = "Project and environment variables and the effective view (VAR-1..4).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project, environment or variable, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class VariableResource {

    private final VariableService variables;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final IdempotentRequests idempotency;

    public VariableResource(VariableService variables, ProjectAuthorization authorization, Caller caller, IdempotentRequests idempotency) {
        this.variables = variables;
        this.authorization = authorization;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/variables")
    @Operation(operationId = "listProjectVariables", summary = "List project variables")
    @APIResponse(responseCode = "200", description = "All project variables (one page)")
    public Page<VariableViews.View> listProject(@PathParam("projectId") String projectId) {
        return list(projectId, null);
    }

    @GET
    @Path("/environments/{environmentId}/variables")
    @Operation(operationId = "listEnvironmentVariables", summary = "List an environment's own variables")
    @APIResponse(responseCode = "200", description = "All the environment's own variables (one page)")
    public Page<VariableViews.View> listEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId) {
        return list(projectId, environmentId);
    }

    @GET
    @Path("/environments/{environmentId}/effective-variables")
    @Operation(operationId = "listEffectiveVariables", summary = "Effective variables of an environment (VAR-3)", description = "project < nearest ancestor's inheritable < own; "
            + "each says whether it is inherited and its source. Sensitive values are null. By name, paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of the effective variables")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<VariableViews.EffectiveView> effective(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        authorization.requireRead(projectId);
        return Cursors.page(variables.effective(projectId, environmentId, after, size + 1), size, effective -> effective.variable().name(),
                effective -> VariableViews.EffectiveView.of(effective, false));
    }

    @GET
    @Path("/variables/{name}")
    @Operation(operationId = "getProjectVariable", summary = "Get a project variable", description = "With an ETag for If-Match.")
    @APIResponse(responseCode = "200", description = "The variable", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    public Response getProject(@PathParam("projectId") String projectId, @PathParam("name") String name) {
        return get(projectId, null, name);
    }

    @GET
    @Path("/environments/{environmentId}/variables/{name}")
    @Operation(operationId = "getEnvironmentVariable", summary = "Get an environment variable", description = "With an ETag for If-Match.")
    @APIResponse(responseCode = "200", description = "The variable", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    public Response getEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @PathParam("name") String name) {
        return get(projectId, environmentId, name);
    }

    @POST
    @Path("/variables")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProjectVariable", summary = "Create a project variable (admin)", description = "Redeploys every active Integration environment (VAR-4). Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    @APIResponse(responseCode = "400", description = "Bad name, invalid or oversize value (VAR-1)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createProject(@PathParam("projectId") String projectId, @Valid @NotNull VariableViews.Create request,
            @HeaderParam(IdempotentRequests.HEADER) String key, UriInfo uri) {
        return create(projectId, null, request, key, uri);
    }

    @POST
    @Path("/environments/{environmentId}/variables")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEnvironmentVariable", summary = "Create an environment variable (admin)", description = "Redeploys the environment when it is an active Integration environment (VAR-4).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    @APIResponse(responseCode = "400", description = "Bad name, invalid or oversize value (VAR-1)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin, or ticket-required on Staging/Production (ENV-5)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @Valid @NotNull VariableViews.Create request, @HeaderParam(IdempotentRequests.HEADER) String key, UriInfo uri) {
        return create(projectId, environmentId, request, key, uri);
    }

    @PATCH
    @Path("/variables/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProjectVariable", summary = "Change a project variable (admin)", description = "Honours If-Match; sensitive stays sensitive.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    @APIResponse(responseCode = "400", description = "Invalid or oversize value", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "sensitive-is-permanent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response updateProject(@PathParam("projectId") String projectId, @PathParam("name") String name,
            @Valid @NotNull VariableViews.Update request, @HeaderParam("If-Match") String ifMatch) {
        return update(projectId, null, name, request, ifMatch);
    }

    @PATCH
    @Path("/environments/{environmentId}/variables/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateEnvironmentVariable", summary = "Change an environment variable (admin)", description = "Honours If-Match; sensitive stays sensitive.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = VariableViews.View.class)))
    @APIResponse(responseCode = "400", description = "Invalid or oversize value", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin, or ticket-required", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "sensitive-is-permanent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response updateEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @PathParam("name") String name, @Valid @NotNull VariableViews.Update request, @HeaderParam("If-Match") String ifMatch) {
        return update(projectId, environmentId, name, request, ifMatch);
    }

    @DELETE
    @Path("/variables/{name}")
    @Operation(operationId = "deleteProjectVariable", summary = "Delete a project variable (admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteProject(@PathParam("projectId") String projectId, @PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        return delete(projectId, null, name, ifMatch);
    }

    @DELETE
    @Path("/environments/{environmentId}/variables/{name}")
    @Operation(operationId = "deleteEnvironmentVariable", summary = "Delete an environment variable (admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an admin, or ticket-required", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        return delete(projectId, environmentId, name, ifMatch);
    }

    private Page<VariableViews.View> list(String projectId, String environmentId) {
        authorization.requireRead(projectId);
        return new Page<>(variables.list(projectId, environmentId).stream().map(VariableViews.View::of).toList(), null);
    }

    private Response get(String projectId, String environmentId, String name) {
        authorization.requireRead(projectId);
        Variable variable = variables.get(projectId, environmentId, name);
        return Response.ok(VariableViews.View.of(variable)).header("ETag", ETags.of(variable.version())).build();
    }

    private Response create(String projectId, String environmentId, VariableViews.Create request, String key, UriInfo uri) {
        authorization.require(projectId, ProjectRole.ADMIN);
        return idempotency.execute(caller.userId(), key, uri.getPath(), request, () -> {
            Variable variable = variables.create(projectId, environmentId, request.name(), request.settings(), caller.userId());
            return Response.created(uri.getAbsolutePathBuilder().path(variable.name()).build())
                    .header("ETag", ETags.of(variable.version())).entity(VariableViews.View.of(variable)).build();
        });
    }

    private Response update(String projectId, String environmentId, String name, VariableViews.Update request, String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        Variable variable = variables.update(projectId, environmentId, name, request.settings(), ifMatch, caller.userId());
        return Response.ok(VariableViews.View.of(variable)).header("ETag", ETags.of(variable.version())).build();
    }

    private Response delete(String projectId, String environmentId, String name, String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        variables.delete(projectId, environmentId, name, ifMatch, caller.userId());
        return Response.noContent().build();
    }

}
