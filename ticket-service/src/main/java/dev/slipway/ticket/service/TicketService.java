package dev.slipway.ticket.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.api.ETags;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.ticket.clients.ConfigChecks;
import dev.slipway.ticket.clients.EnvironmentSettings;
import dev.slipway.ticket.clients.GitHost;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketAction;
import dev.slipway.ticket.domain.TicketComment;
import dev.slipway.ticket.domain.TicketDraft;
import dev.slipway.ticket.domain.TicketPayload;
import dev.slipway.ticket.domain.TicketPermissions;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import dev.slipway.ticket.domain.TicketPriority;
import dev.slipway.ticket.domain.TicketRepository;
import dev.slipway.ticket.domain.TicketState;
import dev.slipway.ticket.domain.TicketTransition;
import dev.slipway.ticket.messaging.TicketEvents;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ticket use cases people drive through the API (SPEC §5): open (payload checked, DEPLOY's
 * commit defaulted, sensitive values sealed, the first preview), comment, and decide. A decision
 * locks the ticket, so of two at the same moment one wins and the other meets the new state (409)
 * or, with If-Match, the new version (412); an approval's event commits with it (EVT-3).
 */
@ApplicationScoped
public class TicketService {

    private final TicketRepository tickets;
    private final DeploymentReadModel deployments;
    private final GitHost git;
    private final ConfigChecks configChecks;
    private final EnvironmentSettings environments;
    private final SealedValues sealedValues;
    private final TicketPreviews previews;
    private final TicketEvents events;
    private final ObjectMapper json;

    public TicketService(TicketRepository tickets, DeploymentReadModel deployments, GitHost git, ConfigChecks configChecks,
            EnvironmentSettings environments, SealedValues sealedValues, TicketPreviews previews, TicketEvents events, ObjectMapper json) {
        this.tickets = tickets;
        this.deployments = deployments;
        this.git = git;
        this.configChecks = configChecks;
        this.environments = environments;
        this.sealedValues = sealedValues;
        this.previews = previews;
        this.events = events;
        this.json = json;
    }

    /** What a requester sends to open a ticket. */
    public record OpenRequest(TicketType type, String projectId, String environmentId, String subject, String description, TicketPriority priority,
            TicketDraft payload) {
    }

    /**
     * TKT-1, TKT-2, TKT-4: checks everything that can be checked before anything is stored, then
     * stores the ticket, its sealed values and its first preview in one transaction.
     */
    public Ticket open(OpenRequest request, Actor requester) {
        Instant now = Instant.now();
        // TKT-2 and TKT-4 first: a refused target or requester learns nothing about the payload.
        Refusal.raise(Ticket.refusalOf(request.type(), EnvironmentType.ofEnvironmentId(request.environmentId())));
        Refusal.raise(TicketPermissions.open(requester));
        TicketDraft draft = request.payload() == null ? TicketDraft.EMPTY : request.payload();
        TicketDraft.Checked checked = draft.check(request.type(), now);
        checked = switch (request.type()) {
            case DEPLOY -> new TicketDraft.Checked(deployCommit(request, checked.payload()), Map.of());
            case DEPLOYMENT_SETTINGS -> settings(request, checked);
            default -> checked;
        };
        Ticket ticket = Ticket.open(request.projectId(), request.environmentId(), request.type(), request.priority(), request.subject(),
                request.description(), checked.payload(), requester, now);
        TicketPreview preview = previews.of(ticket);
        ticket.previewed(write(preview), preview.computedAt());
        TicketDraft.Checked ready = checked;
        // Joins the caller's transaction (the Idempotency-Key record's, API-6) so both commit together.
        QuarkusTransaction.joiningExisting().run(() -> {
            tickets.persist(ticket);
            sealedValues.seal(ticket.id(), ready.sensitiveValues());
        });
        return ticket;
    }

    /** TKT-1: DEPLOY's commit is one of the project's, or the source tier's last success when none is named. */
    private TicketPayload deployCommit(OpenRequest request, TicketPayload payload) {
        if (payload.commit() == null) {
            String source = EnvironmentType.ofEnvironmentId(request.environmentId()).promotedFrom().orElseThrow();
            String last = deployments.lastSucceededCommit(request.projectId(), source).orElseThrow(() -> new DomainException("TKT-1", 422,
                    "no-commit-to-promote", "No commit given, and " + source + " has no successful deployment to promote yet (DEP-5)."));
            return payload.withCommit(last);
        }
        return payload.withCommit(commitOfProject(request.projectId(), payload.commit(), "payload.commit"));
    }

    private String commitOfProject(String projectId, String commit, String field) {
        return git.resolve(projectId, commit).orElseThrow(() -> new ProblemException(422, "unknown-commit", "Unknown commit",
                field + ": commit " + commit + " is not in the project's repository.",
                List.of(new Problem.Violation(field, "not a commit of project " + projectId))));
    }

    /** SEC-3 and CFG-3: seals what is sensitive now or by the change, and fixes the digest the ticket approves. */
    private TicketDraft.Checked settings(OpenRequest request, TicketDraft.Checked checked) {
        TicketPayload payload = checked.payload();
        TicketDraft.Checked sealed = checked;
        if (!payload.changes().isEmpty()) {
            Set<String> sensitiveNow = environments.variables(request.projectId(), request.environmentId()).stream()
                    .filter(EnvironmentSettings.Variable::sensitive).map(EnvironmentSettings.Variable::name).collect(Collectors.toSet());
            sealed = checked.sealing(sensitiveNow);
        }
        if (payload.approveConfigOf() == null) {
            return sealed;
        }
        String commit = commitOfProject(request.projectId(), payload.approveConfigOf(), "payload.approveConfigOf");
        ConfigChecks.ConfigCheck check = configChecks.check(request.projectId(), request.environmentId(), commit);
        if (check.digest() == null) {
            throw new DomainException("CFG-2", 422, "invalid-configuration", "The configuration of commit " + commit + " is not valid: "
                    + String.join("; ", check.problems() == null ? List.<String>of() : check.problems()));
        }
        return new TicketDraft.Checked(sealed.payload().withConfigApproval(commit, check.digest()), sealed.sensitiveValues());
    }

    /** The preview now, stored while the ticket is undecided (without changing its version: a read is not an edit). */
    public TicketPreview refreshPreview(Ticket ticket) {
        TicketPreview preview = previews.of(ticket);
        if (ticket.state() == TicketState.OPEN) {
            String text = write(preview);
            QuarkusTransaction.requiringNew().run(() -> tickets.storePreview(ticket.id(), text, preview.computedAt()));
        }
        return preview;
    }

    public TicketPreview storedPreview(Ticket ticket) {
        if (ticket.preview() == null) {
            return null;
        }
        try {
            return json.readValue(ticket.preview(), TicketPreview.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored ticket preview cannot be read", e);
        }
    }

    private String write(TicketPreview preview) {
        try {
            return json.writeValueAsString(preview);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ticket preview cannot be written", e);
        }
    }

    /**
     * TKT-3, TKT-4: a person's decision. 412 when If-Match names another version; 409 from the state
     * table; an approval publishes {@code ticket.approved} in the same transaction; a ticket that can
     * no longer be fulfilled drops its sealed values.
     */
    @Transactional
    public Ticket decide(UUID ticketId, TicketAction action, String reason, String ifMatch, Actor actor) {
        Ticket ticket = tickets.findForDecision(ticketId).filter(t -> actor.mayRead()).orElseThrow(() -> notFound(ticketId));
        ETags.requireMatch(ifMatch, ticket.version());
        TicketTransition transition = ticket.decide(actor, action, reason == null || reason.isBlank() ? null : reason.strip(), Instant.now());
        tickets.record(transition);
        if (ticket.state() == TicketState.APPROVED) {
            events.approved(ticket, actor.userId());
        }
        if (ticket.state().isFinal()) {
            sealedValues.drop(ticket.id());
        }
        return ticket;
    }

    /** TKT-4: members and support comment; support's first comment on someone else's ticket is its first response (TKT-6). */
    @Transactional
    public TicketComment comment(UUID ticketId, String body, Actor actor) {
        Ticket ticket = tickets.findForDecision(ticketId).filter(t -> actor.mayRead()).orElseThrow(() -> notFound(ticketId));
        Instant now = Instant.now();
        ticket.commentedBy(actor, now);
        TicketComment comment = new TicketComment(ticket.id(), actor.userId(), actor.support(), body.strip(), now);
        tickets.record(comment);
        return comment;
    }

    public static ProblemException notFound(UUID ticketId) {
        return ProblemException.notFound("No such ticket: " + ticketId + ".");
    }
}
