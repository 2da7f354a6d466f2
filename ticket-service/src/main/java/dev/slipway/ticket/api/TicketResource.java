package dev.slipway.ticket.api;

import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.IdempotentRequests;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketAction;
import dev.slipway.ticket.domain.TicketComment;
import dev.slipway.ticket.domain.TicketDraft;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import dev.slipway.ticket.domain.TicketPriority;
import dev.slipway.ticket.domain.TicketRepository;
import dev.slipway.ticket.domain.TicketRepository.QueueCursor;
import dev.slipway.ticket.domain.TicketState;
import dev.slipway.ticket.readmodel.AccessReadModel;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import dev.slipway.ticket.service.TicketPreview;
import dev.slipway.ticket.service.TicketService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Support tickets (SPEC §5): opened by project members, decided by support, fulfilled by the owning services. */
@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Assisted deployment: tickets that support decides and the owning services fulfil (TKT-1..6).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService service;
    private final TicketRepository tickets;
    private final DeploymentReadModel deployments;
    private final AccessReadModel access;
    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final IdempotentRequests idempotency;

    public TicketResource(TicketService service, TicketRepository tickets, DeploymentReadModel deployments, AccessReadModel access,
            ProjectAuthorization authorization, Caller caller, IdempotentRequests idempotency) {
        this.service = service;
        this.tickets = tickets;
        this.deployments = deployments;
        this.access = access;
        this.authorization = authorization;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    /** What a member sends to open a ticket (TKT-1). */
    public record OpenTicketRequest(@NotNull TicketType type,
            @NotNull @Pattern(regexp = "[a-z][a-z0-9]{2,31}", message = "a project id: 3-32 lowercase letters and digits, starting with a letter") String projectId,
            @NotNull @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?", message = "an environment id (ENV-2)") String environmentId,
            @NotBlank @Size(max = 200) String subject, @Size(max = 20000) String description, TicketPriority priority, @Valid TicketDraft payload) {
    }

    /** A decision's reason: required to reject (TKT-4), optional otherwise. */
    public record DecisionRequest(@Size(max = 4000) String reason) {
    }

    public record CommentRequest(@NotBlank @Size(max = 20000) String body) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openTicket", summary = "Open a ticket",
            description = "Contributors and up open tickets on their projects (TKT-4). DEPLOY, ADD_SSH_KEY and DEPLOYMENT_SETTINGS target "
                    + "staging or production, GO_LIVE production (TKT-2). The payload is checked now; a DEPLOY without a commit takes "
                    + "the source tier's last successful one. Accepts Idempotency-Key (API-6).")
    @APIResponse(responseCode = "201", description = "Opened; Location names the ticket", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or payload", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a contributor of the project", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Target not allowed for the type (TKT-2), unknown commit, invalid configuration, or nothing to promote", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "A service the checks need is not answering; nothing was stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(@Valid @NotNull OpenTicketRequest request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        Actor actor = actorOn(request.projectId());
        if (!actor.mayRead()) {
            throw ProjectAuthorization.noSuchProject(request.projectId());
        }
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request, () -> {
            Ticket ticket = service.open(new TicketService.OpenRequest(request.type(), request.projectId(), request.environmentId(), request.subject(),
                    request.description(), request.priority(), request.payload()), actor);
            return Response.created(uri.getAbsolutePathBuilder().path(ticket.id().toString()).build()).header("ETag", ETags.of(ticket.version()))
                    .entity(TicketViews.of(ticket, service.storedPreview(ticket), List.of(), List.of(), new TicketViews.Trail(List.of(), List.of()), actor))
                    .build();
        });
    }

    @GET
    @Operation(operationId = "listTickets", summary = "List tickets",
            description = "Tickets of the caller's projects (support: all), by priority (URGENT first) then age (TKT-6); filter by project, "
                    + "state, type and requester; paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of tickets")
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TicketViews.Summary> list(@QueryParam("project") String project, @QueryParam("state") String state, @QueryParam("type") String type,
            @QueryParam("requester") String requester, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        TicketRepository.Filter filter = new TicketRepository.Filter(blankToNull(project), QueryParams.enumValue(TicketState.class, "state", state),
                QueryParams.enumValue(TicketType.class, "type", type), blankToNull(requester));
        String visibleTo = caller.isSupport() || caller.isService() ? null : caller.userId();
        List<Ticket> rows = tickets.page(filter, visibleTo, QueueCursor.parse(Cursors.decode(cursor)), size + 1);
        return Cursors.page(rows, size, t -> QueueCursor.after(t).text(), TicketViews.Summary::of);
    }

    @GET
    @Path("/{ticketId}")
    @Operation(operationId = "getTicket", summary = "Get a ticket with its preview, history, comments and trail",
            description = "An undecided ticket's preview is computed again on each read; allowedActions lists what the caller may do now.")
    @APIResponse(responseCode = "200", description = "The ticket; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("ticketId") String ticketId) {
        Ticket ticket = readable(TimeCursor.idOrNotFound(ticketId, "ticket"));
        TicketPreview preview = ticket.state() == TicketState.OPEN ? service.refreshPreview(ticket) : service.storedPreview(ticket);
        return Response.ok(detail(ticket, preview)).header("ETag", ETags.of(ticket.version())).build();
    }

    @POST
    @Path("/{ticketId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "commentTicket", summary = "Comment on a ticket", description = "Members and support (TKT-4); accepts Idempotency-Key (API-6).")
    @APIResponse(responseCode = "201", description = "The comment", content = @Content(schema = @Schema(implementation = TicketViews.Comment.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response comment(@PathParam("ticketId") String ticketId, @Valid @NotNull CommentRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        UUID id = TimeCursor.idOrNotFound(ticketId, "ticket");
        Actor actor = actorOn(readable(id).projectId());
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request, () -> {
            TicketComment comment = service.comment(id, request.body(), actor);
            return Response.status(201).entity(TicketViews.Comment.of(comment)).build();
        });
    }

    @POST
    @Path("/{ticketId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveTicket", summary = "Approve (support)", description = "OPEN -> APPROVED; the owning service fulfils it (TKT-5). Honours If-Match.")
    @APIResponse(responseCode = "200", description = "The ticket after the decision; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this caller (TKT-4)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket's state does not allow it (TKT-3)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A rejection without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("ticketId") String ticketId, @Valid DecisionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return decide(ticketId, TicketAction.APPROVE, request, ifMatch);
    }

    @POST
    @Path("/{ticketId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectTicket", summary = "Reject (support, with a reason)", description = "OPEN -> REJECTED; the reason is required (TKT-4). Honours If-Match.")
    @APIResponse(responseCode = "200", description = "The ticket after the decision; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this caller (TKT-4)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket's state does not allow it (TKT-3)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A rejection without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reject(@PathParam("ticketId") String ticketId, @Valid DecisionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return decide(ticketId, TicketAction.REJECT, request, ifMatch);
    }

    @POST
    @Path("/{ticketId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelTicket", summary = "Cancel (the requester, while OPEN)", description = "OPEN -> CANCELLED. Honours If-Match.")
    @APIResponse(responseCode = "200", description = "The ticket after the decision; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this caller (TKT-4)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket's state does not allow it (TKT-3)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A rejection without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("ticketId") String ticketId, @Valid DecisionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return decide(ticketId, TicketAction.CANCEL, request, ifMatch);
    }

    @POST
    @Path("/{ticketId}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retryTicket", summary = "Retry a FAILED ticket (support)", description = "FAILED -> APPROVED as a new attempt (TKT-3). Honours If-Match.")
    @APIResponse(responseCode = "200", description = "The ticket after the decision; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this caller (TKT-4)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket's state does not allow it (TKT-3)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A rejection without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@PathParam("ticketId") String ticketId, @Valid DecisionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return decide(ticketId, TicketAction.RETRY, request, ifMatch);
    }

    @POST
    @Path("/{ticketId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveTicket", summary = "Resolve a GENERAL ticket (support)", description = "OPEN -> RESOLVED, GENERAL tickets only (TKT-3). Honours If-Match.")
    @APIResponse(responseCode = "200", description = "The ticket after the decision; ETag for If-Match", content = @Content(schema = @Schema(implementation = TicketViews.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this caller (TKT-4)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or not one of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket's state does not allow it (TKT-3)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match no longer matches", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A rejection without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resolve(@PathParam("ticketId") String ticketId, @Valid DecisionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return decide(ticketId, TicketAction.RESOLVE, request, ifMatch);
    }

    private Response decide(String ticketId, TicketAction action, DecisionRequest request, String ifMatch) {
        UUID id = TimeCursor.idOrNotFound(ticketId, "ticket");
        Actor actor = actorOn(readable(id).projectId());
        Ticket ticket = service.decide(id, action, request == null ? null : request.reason(), ifMatch, actor);
        return Response.ok(detail(ticket, service.storedPreview(ticket))).header("ETag", ETags.of(ticket.version())).build();
    }

    private TicketViews.Detail detail(Ticket ticket, TicketPreview preview) {
        TicketViews.Trail trail = new TicketViews.Trail(deployments.ofTicket(ticket.id()), access.ofTicket(ticket.id()));
        return TicketViews.of(ticket, preview, tickets.history(ticket.id()), tickets.comments(ticket.id()), trail, actorOn(ticket.projectId()));
    }

    /** The ticket, or 404 when it does not exist or the caller may not read its project (SEC-2: no hint that it exists). */
    private Ticket readable(UUID id) {
        return tickets.find(id).filter(t -> caller.isService() || actorOn(t.projectId()).mayRead()).orElseThrow(() -> TicketService.notFound(id));
    }

    private Actor actorOn(String projectId) {
        return new Actor(caller.userId(), authorization.callerRole(projectId).orElse(null), caller.isSupport());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
