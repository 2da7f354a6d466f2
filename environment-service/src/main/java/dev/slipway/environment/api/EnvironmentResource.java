package dev.slipway.environment.api;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.service.EnvironmentActions;
import dev.slipway.environment.service.EnvironmentOperations;
import dev.slipway.environment.service.EnvironmentQueries;
import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.platform.api.NextAction;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.IdempotentRequests;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Environments and their operations (ENV-2..8). Operations answer 202 with an Activity (API-3). */
@Path("/api/v1/projects/{projectId}/environments")
@Tag(name = "Environments", description = "Integration environments (git branches), Staging and Production, and their operations (ENV-2..8).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project or environment, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EnvironmentResource {

    private final EnvironmentOperations operations;
    private final EnvironmentQueries queries;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final EnvironmentsConfig config;
    private final IdempotentRequests idempotency;
    private final EnvironmentActions actions;

    public EnvironmentResource(EnvironmentOperations operations, EnvironmentQueries queries, ProjectAuthorization authorization, Caller caller,
            EnvironmentsConfig config, IdempotentRequests idempotency, EnvironmentActions actions) {
        this.operations = operations;
        this.queries = queries;
        this.authorization = authorization;
        this.caller = caller;
        this.config = config;
        this.idempotency = idempotency;
        this.actions = actions;
    }

    @GET
    @Operation(operationId = "listEnvironments", summary = "List a project's environments", description = "Filter by type and status; paginated by environment id (API-4).")
    @APIResponse(responseCode = "200", description = "A page of environments")
    @APIResponse(responseCode = "400", description = "Unknown type or status, bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EnvironmentView> list(@PathParam("projectId") String projectId, @QueryParam("type") String typeParam,
            @QueryParam("status") String statusParam, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        EnvironmentType type = QueryParams.enumValue(EnvironmentType.class, "type", typeParam);
        EnvironmentStatus status = QueryParams.enumValue(EnvironmentStatus.class, "status", statusParam);
        authorization.requireRead(projectId);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        List<EnvironmentQueries.Details> rows = queries.page(projectId, new EnvironmentRepository.Filter(type, status), after, size + 1);
        Function<Environment, List<NextAction>> actionsOf = actions.forCaller(projectId);
        return Cursors.page(rows, size, details -> details.environment().id(),
                details -> EnvironmentView.of(details, config, actionsOf.apply(details.environment())));
    }

    @GET
    @Path("/{environmentId}")
    @Operation(operationId = "getEnvironment", summary = "Get an environment", description = "Type, status, parent, branch, head and deployed commit, latest deployment, "
            + "nodes, URLs (ENV-7) and hardware (ENV-6). The ETag changes with every change.")
    @APIResponse(responseCode = "200", description = "The environment", content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    public Response get(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId) {
        authorization.requireRead(projectId);
        EnvironmentQueries.Details details = queries.get(projectId, environmentId);
        EnvironmentView view = EnvironmentView.of(details, config, actions.forCaller(projectId).apply(details.environment()));
        return Response.ok(view).header("ETag", ETags.of(details.environment().version())).build();
    }

    @POST
    @Path("/{environmentId}/branch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "branchEnvironment", summary = "Branch a child environment (ENV-4)", description = "Needs contributor. The child starts from this head and a copy "
            + "of its data; the activity completes when the git host created the branch.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the activity", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid or reserved branch name (ENV-2)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "active-environment-limit (ENV-3), environment-exists (ENV-2), operation-not-available (ENV-5), parent not active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response branch(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @Valid @NotNull OperationRequests.Branch request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.BRANCH));
        // Branching creates an environment: a repeat with the same Idempotency-Key gets the first activity (API-6).
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request,
                () -> accepted(operations.branch(projectId, environmentId, request.name(), request.title(), caller.userId()), uri));
    }

    @POST
    @Path("/{environmentId}/merge")
    @Operation(operationId = "mergeEnvironment", summary = "Merge into the parent (ENV-4)", description = "Needs admin. Fast-forward, else a merge commit; a conflict fails the activity "
            + "with the conflicting paths; the parent redeploys. Variables are not merged.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No parent, inactive, operation in progress, or not available on Staging/Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response merge(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.MERGE));
        return accepted(operations.merge(projectId, environmentId, caller.userId()), uri);
    }

    @POST
    @Path("/{environmentId}/sync")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "syncEnvironment", summary = "Synchronize code and/or data from the parent (ENV-4)", description = "Needs contributor; at least one of code and data.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Nothing to synchronize", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No parent, inactive, operation in progress, or not available on Staging/Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sync(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @Valid @NotNull OperationRequests.Sync request, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.SYNC));
        return accepted(operations.sync(projectId, environmentId, Boolean.TRUE.equals(request.code()), Boolean.TRUE.equals(request.data()),
                caller.userId()), uri);
    }

    @POST
    @Path("/{environmentId}/activate")
    @Operation(operationId = "activateEnvironment", summary = "Activate an inactive environment (ENV-4)", description = "Needs admin; counts against the active limit (ENV-3).")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already active, active-environment-limit, or not available on Staging/Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response activate(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.ACTIVATE));
        return accepted(operations.activate(projectId, environmentId, caller.userId()), uri);
    }

    @POST
    @Path("/{environmentId}/deactivate")
    @Operation(operationId = "deactivateEnvironment", summary = "Deactivate an active environment (ENV-4)", description = "Needs admin; never master; its data is dropped.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Inactive, master, operation in progress, or not available on Staging/Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deactivate(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.DEACTIVATE));
        return accepted(operations.deactivate(projectId, environmentId, caller.userId()), uri);
    }

    @POST
    @Path("/{environmentId}/redeploy")
    @Operation(operationId = "redeployEnvironment", summary = "Redeploy the current head with the current variables (ENV-4)",
            description = "Needs contributor. Staging and Production deploy only through DEPLOY tickets and tier pushes: 403 ticket-required (DEP-6).")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "403", description = "Role too low, or ticket-required on Staging/Production (DEP-6)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Inactive or operation in progress",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeploy(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.REDEPLOY));
        return accepted(operations.redeploy(projectId, environmentId, caller.userId()), uri);
    }

    @DELETE
    @Path("/{environmentId}")
    @Operation(operationId = "deleteEnvironment", summary = "Delete an inactive environment (ENV-4)", description = "Needs admin; never master; deletes the git branch unless keepBranch=true.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Active, master, or not available on Staging/Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @QueryParam("keepBranch") @DefaultValue("false") boolean keepBranch, UriInfo uri) {
        authorization.require(projectId, EnvironmentActions.roleFor(EnvironmentOperation.DELETE));
        return accepted(operations.delete(projectId, environmentId, keepBranch, caller.userId()), uri);
    }

    private static Response accepted(Activity activity, UriInfo uri) {
        return Response.accepted(ActivityView.of(activity))
                .location(uri.getBaseUriBuilder().path("api/v1/projects/{p}/activities/{a}").build(activity.projectId(), activity.id()))
                .build();
    }
}
