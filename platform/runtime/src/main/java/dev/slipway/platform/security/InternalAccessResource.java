package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A user's role on a project as this service's own copy of project access holds it (ENV-9, SEC-1).
 * Internal (API-8: never routed from outside, group {@code service}): it lets operators and the
 * contract tests see that every service authorizes from the same membership. Users ask
 * environment-service's {@code GET /api/v1/projects/{project}/access}.
 */
@Path("/api/v1/internal/projects/{projectId}/members/{userId}")
@Tag(name = "Internal", description = "For the service group only; never routed from outside (API-8).")
@RolesAllowed(Groups.SERVICE)
public class InternalAccessResource {

    private final ProjectAccessStore store;

    public InternalAccessResource(ProjectAccessStore store) {
        this.store = store;
    }

    /** A member's role in this service's read model. */
    @Schema(name = "ProjectMemberRole")
    public record MemberRoleView(String projectId, String userId, ProjectRole role) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getReplicatedMemberRole", summary = "A member's role in this service's copy of project access (services only)")
    @APIResponse(responseCode = "200", description = "The member's role", content = @Content(schema = @Schema(implementation = MemberRoleView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not a member here", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MemberRoleView get(@PathParam("projectId") String projectId, @PathParam("userId") String userId) {
        return store.member(projectId, userId).map(member -> new MemberRoleView(projectId, userId, member.role))
                .orElseThrow(() -> ProblemException.notFound(userId + " is not a member of project " + projectId + " in this service's copy."));
    }
}
