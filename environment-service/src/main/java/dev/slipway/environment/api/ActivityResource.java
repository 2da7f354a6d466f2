package dev.slipway.environment.api;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.ActivityRepository;
import dev.slipway.environment.domain.ActivityState;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Activities of a project and its environments (API-3), newest first. */
@Path("/api/v1/projects/{projectId}")
@Tag(name = "Activities", description = "Long operations on environments and how they went (API-3).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project or activity, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ActivityResource {

    private final ActivityRepository activities;
    private final ProjectAuthorization authorization;

    public ActivityResource(ActivityRepository activities, ProjectAuthorization authorization) {
        this.activities = activities;
        this.authorization = authorization;
    }

    @GET
    @Path("/activities")
    @Operation(operationId = "listActivities", summary = "List a project's activities", description = "Filter by environment, type (e.g. environment.branch) and state.")
    @APIResponse(responseCode = "200", description = "A page of activities")
    @APIResponse(responseCode = "400", description = "Unknown state, bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ActivityView> list(@PathParam("projectId") String projectId, @QueryParam("environment") String environmentId,
            @QueryParam("type") String type, @QueryParam("state") String stateParam,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ActivityState state = QueryParams.enumValue(ActivityState.class, "state", stateParam);
        EnvironmentOperation operation = QueryParams.parsed("type", type, EnvironmentOperation::ofActivityType);
        authorization.requireRead(projectId);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        ActivityRepository.After position = null;
        if (after != null) {
            String[] parts = after.split("\\|", 2);
            try {
                position = new ActivityRepository.After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw ProblemException.badRequest("cursor: not a cursor from a previous page",
                        List.of(new Problem.Violation("cursor", "not a cursor from a previous page")));
            }
        }
        List<Activity> rows = activities.page(projectId, new ActivityRepository.Filter(environmentId, operation, state), position, size + 1);
        return Cursors.page(rows, size, activity -> activity.createdAt() + "|" + activity.id(), ActivityView::of);
    }

    @GET
    @Path("/environments/{environmentId}/activities")
    @Operation(operationId = "listEnvironmentActivities", summary = "List an environment's activities")
    @APIResponse(responseCode = "200", description = "A page of activities")
    @APIResponse(responseCode = "400", description = "Unknown state, bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ActivityView> listOfEnvironment(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @QueryParam("type") String type, @QueryParam("state") String state,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return list(projectId, environmentId, type, state, limit, cursor);
    }

    @GET
    @Path("/activities/{activityId}")
    @Operation(operationId = "getActivity", summary = "Get an activity", description = "Its state, result, timestamps and log.")
    @APIResponse(responseCode = "200", description = "The activity", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public ActivityView get(@PathParam("projectId") String projectId, @PathParam("activityId") String activityId) {
        authorization.requireRead(projectId);
        UUID id;
        try {
            id = UUID.fromString(activityId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No activity " + activityId + " in project " + projectId + ".");
        }
        return activities.find(projectId, id).map(ActivityView::of)
                .orElseThrow(() -> ProblemException.notFound("No activity " + activityId + " in project " + projectId + "."));
    }
}
