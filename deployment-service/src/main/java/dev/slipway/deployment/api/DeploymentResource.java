package dev.slipway.deployment.api;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.deployment.domain.LogLine;
import dev.slipway.deployment.service.DeploymentLogs;
import org.eclipse.microprofile.context.ManagedExecutor;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's deployments (DEP-1, DEP-3): members read them; contributors cancel on Integration, admins on the tiers. */
@Path("/api/v1/projects/{projectId}/deployments")
@Tag(name = "Deployments", description = "Commits going onto environments: queue, state, phase and why one failed (DEP-1..3).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project or deployment, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeploymentResource {

    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    private final DeploymentQueue queue;
    private final DeploymentLogs logs;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final ManagedExecutor executor;
    private final ObjectMapper json;

    public DeploymentResource(DeploymentQueue queue, DeploymentLogs logs, ProjectAuthorization authorization, Caller caller,
            ManagedExecutor executor, ObjectMapper json) {
        this.queue = queue;
        this.logs = logs;
        this.authorization = authorization;
        this.caller = caller;
        this.executor = executor;
        this.json = json;
    }

    /** A log line as the stream sends it. */
    @Schema(name = "DeploymentLogLine")
    public record LogLineView(long seq, Instant at, @Schema(nullable = true) DeploymentPhase phase, @Schema(nullable = true) Integer node,
            @Schema(enumeration = {"out", "err", "slipway"}) String stream, String text) {
        static LogLineView of(LogLine line) {
            return new LogLineView(line.seq(), line.at(), line.phase(), line.node(), line.stream(), line.text());
        }
    }

    @GET
    @Path("/{deploymentId}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "getDeploymentLog", summary = "A deployment's log as text",
            description = "Every line so far, one per line: time, [PHASE], [node n], text (DEP-8). Sensitive values are masked.")
    @APIResponse(responseCode = "200", description = "The log", content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    public Response log(@PathParam("projectId") String projectId, @PathParam("deploymentId") String deploymentId) {
        authorization.requireRead(projectId);
        UUID id = TimeCursor.idOrNotFound(deploymentId, "deployment");
        logs.after(projectId, id, 0);
        StreamingOutput body = out -> {
            long seq = 0;
            while (true) {
                List<LogLine> lines = logs.after(projectId, id, seq).lines();
                for (LogLine line : lines) {
                    out.write((line.render() + "\n").getBytes(StandardCharsets.UTF_8));
                    seq = line.seq();
                }
                if (lines.size() < DeploymentLogs.PAGE) {
                    return;
                }
            }
        };
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("/{deploymentId}/log/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "followDeploymentLog", summary = "Follow a deployment's log (server-sent events)",
            description = "Each line is an event `line` with id = its sequence number and a DeploymentLogLine as data; the stream ends "
                    + "with an event `end` carrying the deployment once it has finished (DEP-8). Resume with Last-Event-ID. "
                    + "Send the Authorization header (a fetch-based client can; EventSource cannot).")
    @APIResponse(responseCode = "200", description = "The log, live: each event's data is a DeploymentLogLine", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = LogLineView.class)))
    public void follow(@PathParam("projectId") String projectId, @PathParam("deploymentId") String deploymentId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        authorization.requireRead(projectId);
        UUID id = TimeCursor.idOrNotFound(deploymentId, "deployment");
        logs.after(projectId, id, 0);
        long from = lastEventId == null || lastEventId.isBlank() ? 0 : QueryParams.parsed("Last-Event-ID", lastEventId.strip(), Long::parseLong);
        executor.execute(() -> stream(projectId, id, from, sink, sse));
    }

    private void stream(String projectId, UUID id, long from, SseEventSink sink, Sse sse) {
        long seq = from;
        try (sink) {
            while (!sink.isClosed()) {
                DeploymentLogs.Chunk chunk = logs.after(projectId, id, seq);
                for (LogLine line : chunk.lines()) {
                    sink.send(sse.newEventBuilder().id(Long.toString(line.seq())).name("line")
                            .data(json.writeValueAsString(LogLineView.of(line))).build()).toCompletableFuture().join();
                    seq = line.seq();
                }
                if (chunk.finished() && chunk.lines().size() < DeploymentLogs.PAGE) {
                    sink.send(sse.newEventBuilder().name("end").data(json.writeValueAsString(view(chunk.deployment()))).build())
                            .toCompletableFuture().join();
                    return;
                }
                if (chunk.lines().isEmpty()) {
                    Thread.sleep(FOLLOW_POLL.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception clientGoneOrDatabaseAway) {
            // The client reconnects with Last-Event-ID and goes on where it stopped.
        }
    }

    /** A deployment and where it stands; {@code detail} says why it failed or was cancelled. */
    @Schema(name = "Deployment", example = "{\"id\":\"3b7f2c1e-9a4d-4e2b-8c6f-1d2e3f4a5b6c\",\"projectId\":\"acme\",\"environmentId\":\"feature-x\","
            + "\"branch\":\"feature-x\",\"commit\":\"4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a\",\"trigger\":\"PUSH\",\"state\":\"FAILED\",\"phase\":\"DEPLOY\","
            + "\"detail\":\"DEPLOY on node 2 failed with exit code 3: hooks.deploy\",\"failedNode\":2,\"exitCode\":3,\"ticketId\":null,"
            + "\"ticketAttempt\":null,\"activityId\":null,\"requestedBy\":\"bob\",\"supersededBy\":null,\"rollbackOf\":null,\"queuedAt\":\"2026-11-27T10:00:00Z\","
            + "\"startedAt\":\"2026-11-27T10:00:01Z\",\"finishedAt\":\"2026-11-27T10:00:09Z\",\"cancellable\":false,\"rollbackPossible\":false}")
    public record DeploymentView(UUID id, String projectId, String environmentId, @Schema(nullable = true) String branch,
            @Schema(nullable = true, description = "Null until VALIDATE resolves the branch head") String commit, DeploymentTrigger trigger,
            DeploymentState state, @Schema(nullable = true) DeploymentPhase phase, @Schema(nullable = true) String detail,
            @Schema(nullable = true) Integer failedNode, @Schema(nullable = true) Integer exitCode, @Schema(nullable = true) String ticketId,
            @Schema(nullable = true, description = "For a TICKET deployment: which approval of the ticket it fulfils, 1 and one more per "
                    + "retry (TKT-5)") Integer ticketAttempt,
            @Schema(nullable = true) String activityId, @Schema(nullable = true) String requestedBy, @Schema(nullable = true) UUID supersededBy,
            @Schema(nullable = true, description = "For a ROLLBACK: the deployment whose release it puts back (DEP-9)") UUID rollbackOf,
            Instant queuedAt, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant finishedAt,
            @Schema(description = "Whether cancel is still possible (DEP-3)") boolean cancellable,
            @Schema(description = "Whether its release can be rolled back to now (DEP-9): SUCCEEDED, on Integration, release still kept; "
                    + "an admin may") boolean rollbackPossible) {
        static DeploymentView of(Deployment d, boolean rollbackPossible) {
            return new DeploymentView(d.id(), d.projectId(), d.environmentId(), d.branch(), d.commit(), d.trigger(), d.state(), d.phase(),
                    d.detail(), d.failedNode(), d.exitCode(), d.ticketId(), d.ticketAttempt(), d.activityId(), d.requestedBy(), d.supersededBy(),
                    d.rollbackOf(), d.queuedAt(), d.startedAt(), d.finishedAt(), d.state().isCancellable(), rollbackPossible);
        }
    }

    private DeploymentView view(Deployment deployment) {
        return DeploymentView.of(deployment, queue.rollbackPossible(deployment));
    }

    @GET
    @Operation(operationId = "listDeployments", summary = "List a project's deployments",
            description = "Newest first; filter by environment, state, trigger and activityId (the environment Activity it was requested for); "
                    + "paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of deployments")
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeploymentView> list(@PathParam("projectId") String projectId, @QueryParam("environment") String environment,
            @QueryParam("state") String state, @QueryParam("trigger") String trigger, @QueryParam("activityId") String activityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        authorization.requireRead(projectId);
        int size = Cursors.limit(limit);
        DeploymentRepository.Filter filter = new DeploymentRepository.Filter(environment,
                QueryParams.enumValue(DeploymentState.class, "state", state), QueryParams.enumValue(DeploymentTrigger.class, "trigger", trigger),
                activityId);
        return Cursors.page(queue.list(projectId, filter, cursor == null ? null : Cursors.decode(cursor), size + 1),
                size, DeploymentQueue::cursorOf, this::view);
    }

    @GET
    @Path("/{deploymentId}")
    @Operation(operationId = "getDeployment", summary = "Get a deployment")
    @APIResponse(responseCode = "200", description = "The deployment", content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    public DeploymentView get(@PathParam("projectId") String projectId, @PathParam("deploymentId") String deploymentId) {
        authorization.requireRead(projectId);
        return view(queue.get(projectId, TimeCursor.idOrNotFound(deploymentId, "deployment")));
    }

    @POST
    @Path("/{deploymentId}/cancel")
    @Operation(operationId = "cancelDeployment", summary = "Cancel a queued or running deployment",
            description = "DEP-3. Contributors cancel on Integration environments, admins on Staging and Production. A finished one: 409.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "403", description = "Role too low", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already finished", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeploymentView cancel(@PathParam("projectId") String projectId, @PathParam("deploymentId") String deploymentId) {
        authorization.requireRead(projectId);
        UUID id = TimeCursor.idOrNotFound(deploymentId, "deployment");
        Deployment deployment = queue.get(projectId, id);
        authorization.require(projectId, deployment.environmentType().isSelfService() ? ProjectRole.CONTRIBUTOR : ProjectRole.ADMIN);
        return view(queue.cancel(projectId, id, caller.userId()));
    }

    @POST
    @Path("/{deploymentId}/rollback")
    @Operation(operationId = "rollbackToDeployment", summary = "Put an earlier successful deployment's release back (DEP-9)",
            description = "Queues a ROLLBACK deployment of the same environment that deploys that release as it was built, without a build. "
                    + "Integration only, admins only; Staging and Production roll back through a DEPLOY ticket naming the commit "
                    + "(403 ticket-required). 409 when the deployment did not succeed or its release is no longer kept.")
    @APIResponse(responseCode = "202", description = "The rollback deployment, queued", content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin, or ticket-required on Staging and Production",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a successful deployment, or its release is gone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rollback(@PathParam("projectId") String projectId, @PathParam("deploymentId") String deploymentId, @Context UriInfo uri) {
        authorization.requireRead(projectId);
        UUID id = TimeCursor.idOrNotFound(deploymentId, "deployment");
        queue.get(projectId, id);
        authorization.require(projectId, ProjectRole.ADMIN);
        Deployment rollback = queue.rollback(projectId, id, caller.userId());
        return Response.accepted(view(rollback))
                .location(uri.getBaseUriBuilder().path("api/v1/projects/{p}/deployments/{d}").build(projectId, rollback.id()))
                .build();
    }
}
