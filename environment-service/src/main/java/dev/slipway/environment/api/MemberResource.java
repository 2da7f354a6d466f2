package dev.slipway.environment.api;

import dev.slipway.environment.service.MemberService;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.IdempotentRequests;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import dev.slipway.platform.security.ProjectMember;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Project members and their roles (ENV-9). Members read; admins change. */
@Path("/api/v1/projects/{projectId}/members")
@Tag(name = "Members", description = "Who may do what on a project (ENV-9, SEC-2).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project or member, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MemberResource {

    private final MemberService members;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final IdempotentRequests idempotency;

    public MemberResource(MemberService members, ProjectAuthorization authorization, Caller caller, IdempotentRequests idempotency) {
        this.members = members;
        this.authorization = authorization;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    /** A member. */
    @Schema(name = "Member", example = "{\"userId\":\"bob\",\"role\":\"contributor\",\"updatedAt\":\"2026-11-26T15:00:00Z\"}")
    public record MemberView(String userId, ProjectRole role, Instant updatedAt) {
        static MemberView of(ProjectMember member) {
            return new MemberView(member.key.userId(), member.role, member.updatedAt);
        }
    }

    /** Body of adding a member. */
    @Schema(name = "AddMember", example = "{\"userId\":\"bob\",\"role\":\"contributor\"}")
    public record AddMember(@NotBlank @Size(max = 200) String userId, @NotNull ProjectRole role) {
    }

    /** Body of changing a role. */
    @Schema(name = "ChangeRole", example = "{\"role\":\"admin\"}")
    public record ChangeRole(@NotNull ProjectRole role) {
    }

    @GET
    @Operation(operationId = "listMembers", summary = "List members", description = "By user id, paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of members")
    public Page<MemberView> list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        authorization.requireRead(projectId);
        int size = Cursors.limit(limit);
        return Cursors.page(members.list(projectId, Cursors.decode(cursor), size + 1), size, member -> member.key.userId(), MemberView::of);
    }

    @GET
    @Path("/{userId}")
    @Operation(operationId = "getMember", summary = "Get a member", description = "With an ETag for If-Match (API-5).")
    @APIResponse(responseCode = "200", description = "The member", content = @Content(schema = @Schema(implementation = MemberView.class)))
    public Response get(@PathParam("projectId") String projectId, @PathParam("userId") String userId) {
        authorization.requireRead(projectId);
        ProjectMember member = members.get(projectId, userId);
        return Response.ok(MemberView.of(member)).header("ETag", ETags.of(member.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addMember", summary = "Add a member (admin)", description = "Accepts Idempotency-Key (API-6).")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("projectId") String projectId, @Valid @NotNull AddMember request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        authorization.require(projectId, ProjectRole.ADMIN);
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request, () -> {
            ProjectMember member = members.add(projectId, request.userId(), request.role(), caller.userId());
            return Response.created(uri.getAbsolutePathBuilder().path(member.key.userId()).build())
                    .header("ETag", ETags.of(member.version)).entity(MemberView.of(member)).build();
        });
    }

    @PATCH
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role (admin)", description = "Never demotes the last admin; honours If-Match (API-5).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "last-admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changeRole(@PathParam("projectId") String projectId, @PathParam("userId") String userId, @Valid @NotNull ChangeRole request,
            @HeaderParam("If-Match") String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        ProjectMember member = members.changeRole(projectId, userId, request.role(), ifMatch, caller.userId());
        return Response.ok(MemberView.of(member)).header("ETag", ETags.of(member.version)).build();
    }

    @DELETE
    @Path("/{userId}")
    @Operation(operationId = "removeMember", summary = "Remove a member (admin)", description = "Never the last admin; honours If-Match (API-5).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "last-admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("projectId") String projectId, @PathParam("userId") String userId, @HeaderParam("If-Match") String ifMatch) {
        authorization.require(projectId, ProjectRole.ADMIN);
        members.remove(projectId, userId, ifMatch, caller.userId());
        return Response.noContent().build();
    }

}
