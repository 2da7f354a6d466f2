package dev.slipway.ticket.api;

import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.platform.security.Groups;
import dev.slipway.ticket.service.SensitiveValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SEC-3, SEC-4: a DEPLOYMENT_SETTINGS ticket's sensitive values, for the service that fulfils it
 * (environment-service) and only while it is being fulfilled at the attempt named. Never routed
 * from outside (API-8).
 */
@Path("/api/v1/internal/tickets/{ticketId}/sensitive-values")
@Tag(name = "Internal", description = "For the service group only; never routed from outside (API-8).")
@RolesAllowed(Groups.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalTicketResource {

    private final SensitiveValues values;

    public InternalTicketResource(SensitiveValues values) {
        this.values = values;
    }

    /** The values by variable name. */
    public record SensitiveValuesView(String ticketId, int attempt, Map<String, String> values) {
    }

    @GET
    @Operation(operationId = "getTicketSensitiveValues", summary = "A ticket's sensitive values (services only)")
    @APIResponse(responseCode = "200", description = "The values of the ticket's sensitive changes, by variable name")
    @APIResponse(responseCode = "400", description = "attempt is not a number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket is not being fulfilled at that attempt", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SensitiveValuesView get(@PathParam("ticketId") String ticketId, @QueryParam("attempt") String attempt) {
        int wanted = attempt == null || attempt.isBlank() ? 1 : QueryParams.parsed("attempt", attempt.strip(), Integer::parseInt);
        return new SensitiveValuesView(ticketId, wanted, values.forFulfilment(TimeCursor.idOrNotFound(ticketId, "ticket"), wanted));
    }
}
