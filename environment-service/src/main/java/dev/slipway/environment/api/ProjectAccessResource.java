package dev.slipway.environment.api;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
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
 * What the caller may do on a project (SEC-1, SEC-2): lets a frontend decide which actions to
 * offer. environment-service owns project access (ENV-9), so this is where it is asked (API-8).
 */
@Path("/api/v1/projects/{projectId}/access")
@Tag(name = "Members", description = "Who may do what on a project (ENV-9, SEC-2).")
@Authenticated
public class ProjectAccessResource {

    private final ProjectAuthorization authorization;
    private final Caller caller;

    public ProjectAccessResource(ProjectAuthorization authorization, Caller caller) {
        this.authorization = authorization;
        this.caller = caller;
    }

    /** The caller's access to one project: their role (null for support staff who are not members). */
    @Schema(name = "ProjectAccess", example = "{\"projectId\":\"shop\",\"userId\":\"alice\",\"role\":\"admin\",\"support\":false}")
    public record ProjectAccessView(String projectId, String userId, @Schema(nullable = true) ProjectRole role, boolean support) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getProjectAccess", summary = "The caller's role on a project",
            description = "From project access (ENV-9); support sees every project.")
    @APIResponse(responseCode = "200", description = "The caller's role (null for support without membership)",
            content = @Content(schema = @Schema(implementation = ProjectAccessView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProjectAccessView get(@PathParam("projectId") String projectId) {
        authorization.requireRead(projectId);
        return new ProjectAccessView(projectId, caller.userId(), authorization.callerRole(projectId).orElse(null), caller.isSupport());
    }
}
