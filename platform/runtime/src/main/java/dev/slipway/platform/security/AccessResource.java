package dev.slipway.platform.security;

import dev.slipway.events.ProjectRole;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the caller may do on a project, as this service sees it (SEC-1): lets a frontend decide
 * which actions to offer, and shows that every service authorizes from the same membership.
 */
@Path("/api/v1/access/projects/{projectId}")
@Tag(name = "Access")
@Authenticated
public class AccessResource {

    private final ProjectAuthorization authorization;
    private final Caller caller;

    public AccessResource(ProjectAuthorization authorization, Caller caller) {
        this.authorization = authorization;
        this.caller = caller;
    }

    /** The caller's access to one project. */
    public record ProjectAccessView(String projectId, String userId, ProjectRole role, boolean support) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's role on a project",
            description = "Answered from this service's copy of project access (ENV-9); support sees every project.")
    @APIResponse(responseCode = "200", description = "The caller's role (null for support without membership)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member")
    public ProjectAccessView get(@PathParam("projectId") String projectId) {
        authorization.requireRead(projectId);
        return new ProjectAccessView(projectId, caller.userId(), authorization.callerRole(projectId).orElse(null), caller.isSupport());
    }
}
