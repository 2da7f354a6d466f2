package dev.slipway.environment.api;

import dev.slipway.environment.service.VariableService;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SEC-3: effective variables with their values, sensitive ones included, for other Slipway
 * services only (token group {@code service}); deployment-service reads them at deploy time.
 */
@Path("/api/v1/internal/projects/{projectId}/environments/{environmentId}/effective-variables")
@Tag(name = "Internal", description = "For the service group only; never routed from outside (API-8).")
@RolesAllowed(Groups.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalVariableResource {

    private final VariableService variables;

    public InternalVariableResource(VariableService variables) {
        this.variables = variables;
    }

    @GET
    @Operation(operationId = "getEffectiveVariablesWithValues", summary = "Effective variables with values (services only)")
    @APIResponse(responseCode = "200", description = "The effective variables, values included")
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project or environment", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<VariableViews.EffectiveView> effective(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId) {
        return variables.effective(projectId, environmentId).stream().map(e -> VariableViews.EffectiveView.of(e, true)).toList();
    }
}
